import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobProducer } from './job-producer.service';
import { QueueName } from './jobs';

/** BullMQ on the configured Redis, every queue registered, and the {@link JobProducer}. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.queuePrefix,
        // Workers need blocking commands to wait forever; producers fail fast through the outbox.
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [JobProducer],
  exports: [JobProducer, BullModule],
})
export class QueueModule {}
