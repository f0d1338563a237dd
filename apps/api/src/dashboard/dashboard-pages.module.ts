import { Module } from '@nestjs/common';
import { AuthModule, DashboardModule, DashboardQueuesModule, MatchReviewModule } from '@app/domain';
import { DashboardController } from './dashboard.controller';
import { DashboardPageSupportModule } from './dashboard-page-support.module';
import { DashboardNotificationsModule } from './notifications/dashboard-notifications.module';
import { DashboardQueuesBoardModule } from './queues/dashboard-queues-board.module';
import { DashboardTasksModule } from './tasks/dashboard-tasks.module';
import { DashboardResidentsModule } from './residents/dashboard-residents.module';

/** The coordinators' dashboard under `/admin`: server-rendered pages over the domain services. */
@Module({
  imports: [
    AuthModule,
    MatchReviewModule,
    DashboardModule,
    DashboardQueuesModule,
    DashboardPageSupportModule,
    DashboardNotificationsModule,
    DashboardQueuesBoardModule,
    DashboardResidentsModule,
    DashboardTasksModule,
  ],
  controllers: [DashboardController],
})
export class DashboardPagesModule {}
