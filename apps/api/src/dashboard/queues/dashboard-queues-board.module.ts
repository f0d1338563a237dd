import { Module } from '@nestjs/common';
import { DashboardQueuesModule } from '@app/domain';
import { DashboardPageSupportModule } from '../dashboard-page-support.module';
import { QueuesBoard } from './queues-board';

/** `/admin/queues`: Bull Board over the system's BullMQ queues, for admins. */
@Module({
  imports: [DashboardPageSupportModule, DashboardQueuesModule],
  providers: [QueuesBoard],
})
export class DashboardQueuesBoardModule {}
