import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { ReferenceModule } from '../regions/reference.module';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [ReferenceModule, MailModule],
  providers: [NotificationDeliveryService, NotificationsService],
  exports: [NotificationDeliveryService, NotificationsService],
})
export class NotificationsModule {}
