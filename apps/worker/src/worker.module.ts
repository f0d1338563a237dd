import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import {
  AuditModule,
  DigestsModule,
  MatchingModule,
  NotificationsModule,
  OutboxModule,
  OutboxRelayModule,
  ResidentImportsModule,
  WebhooksModule,
} from '@app/domain';
import { MailModule } from '@app/mail';
import { MetricsModule } from '@app/metrics';
import { QueueModule } from '@app/queue';
import { NotificationSchedulers } from './notification-schedulers';
import { WorkerHealthServer } from './health/health.server';
import { OutboxRelayRunner } from './outbox-relay.runner';
import { JobHandlersCheck } from './processors/job-handlers.check';
import { MatchingProcessor } from './processors/matching.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { ResidentImportsProcessor } from './processors/resident-imports.processor';
import { WebhooksProcessor } from './processors/webhooks.processor';
import { QueueSettings } from './queue-settings';
import { RecoverySweepsRunner } from './recovery-sweeps.runner';
import { ResidentIndexWarmUp } from './resident-index.warm-up';
import { WorkerMetrics } from './worker-metrics';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    MetricsModule,
    MailModule,
    DatabaseModule,
    QueueModule,
    AuditModule,
    OutboxModule,
    OutboxRelayModule,
    MatchingModule,
    NotificationsModule,
    DigestsModule,
    WebhooksModule,
    ResidentImportsModule,
  ],
  providers: [
    JobHandlersCheck,
    QueueSettings,
    MatchingProcessor,
    ResidentIndexWarmUp,
    NotificationsProcessor,
    WebhooksProcessor,
    ResidentImportsProcessor,
    NotificationSchedulers,
    OutboxRelayRunner,
    RecoverySweepsRunner,
    WorkerHealthServer,
    WorkerMetrics,
  ],
})
export class WorkerModule {}
