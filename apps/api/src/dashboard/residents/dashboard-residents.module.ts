import { Module } from '@nestjs/common';
import { ReferenceModule, ResidentsModule, TechnoparksModule } from '@app/domain';
import { DashboardPageSupportModule } from '../dashboard-page-support.module';
import { DashboardResidentsController } from './dashboard-residents.controller';

/** The residents pages of the `/admin` dashboard, over the domain's residents service. */
@Module({
  imports: [DashboardPageSupportModule, ReferenceModule, ResidentsModule, TechnoparksModule],
  controllers: [DashboardResidentsController],
})
export class DashboardResidentsModule {}
