import { Module } from '@nestjs/common';
import { AuthModule, NotificationsModule } from '@app/domain';
import { DashboardNotificationsController } from './dashboard-notifications.controller';
import { DashboardPageSupport } from './dashboard-page-support';

/** `/admin/notifications`: the notification log and retry, over {@link NotificationsService}. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [DashboardPageSupport],
  exports: [DashboardPageSupport],
  controllers: [DashboardNotificationsController],
})
export class DashboardNotificationsModule {}
