import { Module } from '@nestjs/common';
import { AuthModule, ReferenceModule, ResidentsModule, TechnoparksModule } from '@app/domain';
import { DashboardResidentsController } from './dashboard-residents.controller';

/** The residents pages of the `/admin` dashboard, over the domain's residents service. */
@Module({
  imports: [AuthModule, ReferenceModule, ResidentsModule, TechnoparksModule],
  controllers: [DashboardResidentsController],
})
export class DashboardResidentsModule {}
