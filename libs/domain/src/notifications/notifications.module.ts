import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { ReferenceModule } from '../regions/reference.module';
import { NotificationDeliveryService } from './notification-delivery.service';

@Module({
  imports: [ReferenceModule, MailModule],
  providers: [NotificationDeliveryService],
  exports: [NotificationDeliveryService],
})
export class NotificationsModule {}
