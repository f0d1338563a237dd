import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** Writing side of the outbox; the relay lives in {@link OutboxRelayModule} and runs in the worker. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}
