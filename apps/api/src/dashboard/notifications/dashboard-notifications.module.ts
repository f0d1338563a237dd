import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/domain';
import { DashboardPageSupportModule } from '../dashboard-page-support.module';
import { DashboardNotificationsController } from './dashboard-notifications.controller';

/** `/admin/notifications`: the notification log and retry, over {@link NotificationsService}. */
@Module({
  imports: [DashboardPageSupportModule, NotificationsModule],
  controllers: [DashboardNotificationsController],
})
export class DashboardNotificationsModule {}
