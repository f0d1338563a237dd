import { Module } from '@nestjs/common';
import { ReferenceModule, ResidentImportsModule, ResidentsModule, TechnoparksModule } from '@app/domain';
import { DashboardPageSupportModule } from '../dashboard-page-support.module';
import { DashboardResidentImportUpload } from './dashboard-resident-import-upload';
import { DashboardResidentsController } from './dashboard-residents.controller';

/** The residents pages of the `/admin` dashboard, over the domain's residents and imports services. */
@Module({
  imports: [DashboardPageSupportModule, ReferenceModule, ResidentsModule, ResidentImportsModule, TechnoparksModule],
  controllers: [DashboardResidentsController],
  providers: [DashboardResidentImportUpload],
})
export class DashboardResidentsModule {}
