import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { OutboxRelayService } from './outbox-relay.service';

@Module({ imports: [QueueModule], providers: [OutboxRelayService], exports: [OutboxRelayService] })
export class OutboxRelayModule {}
