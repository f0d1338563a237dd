import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { AuditModule, MatchingModule, NotificationsModule, OutboxModule, OutboxRelayModule } from '@app/domain';
import { QueueModule } from '@app/queue';
import { WorkerHealthServer } from './health/health.server';
import { OutboxRelayRunner } from './outbox-relay.runner';
import { MatchingProcessor } from './processors/matching.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { QueueSettings } from './queue-settings';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    DatabaseModule,
    QueueModule,
    AuditModule,
    OutboxModule,
    OutboxRelayModule,
    MatchingModule,
    NotificationsModule,
  ],
  providers: [QueueSettings, MatchingProcessor, NotificationsProcessor, OutboxRelayRunner, WorkerHealthServer],
})
export class WorkerModule {}
