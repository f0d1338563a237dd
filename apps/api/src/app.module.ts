import { randomUUID } from 'node:crypto';
import { Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import {
  AnswersModule,
  AuditModule,
  AuthModule,
  EnterprisesModule,
  MatchReviewModule,
  NotificationsModule,
  OutboxModule,
  ReferenceModule,
  ResidentsModule,
  TasksModule,
  TechnoparksModule,
  UsersModule,
} from '@app/domain';
import { AnswersController } from './answers/answers.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { CapabilitiesController } from './capabilities/capabilities.controller';
import { DashboardPagesModule } from './dashboard/dashboard-pages.module';
import { RateLimitStorageModule, SharedThrottlerStorage } from './common/shared-throttler-storage';
import { RateLimitGuard, THROTTLER_OPTIONS } from './common/rate-limit';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { HealthModule } from './health/health.module';
import { MatchesController } from './matches/matches.controller';
import { HttpMetricsHook, MetricsController } from './metrics/http-metrics';
import { NotificationsController } from './notifications/notifications.controller';
import { RegionsController } from './regions/regions.controller';
import { ResidentsController } from './residents/residents.controller';
import { TasksController } from './tasks/tasks.controller';
import { TechnoparksController } from './technoparks/technoparks.controller';
import { UsersController } from './users/users.controller';

/** Request headers as pino's standard serializer gives them. */
type Headers = Record<string, string | string[] | undefined>;

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          // Headers are not logged (no Authorization, Cookie or other secrets to redact): the request line keeps
          // what operators use. Redaction would also cost a deep clone per request.
          serializers: {
            req: (request: { id: string; method: string; url: string; remoteAddress?: string; headers?: Headers }) => ({
              id: request.id,
              method: request.method,
              // An answer link's token is a credential: the log keeps only the route.
              url: request.url.replace(/^\/r\/[^/?#]+/, '/r/:token'),
              remoteAddress: request.remoteAddress,
              userAgent: request.headers?.['user-agent'],
            }),
            // Response headers carry Set-Cookie (the session): only the status is logged.
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          autoLogging: {
            // Probes are not logged. Middleware sees the path below its mount point in `url`; `originalUrl` is whole.
            ignore: (request) => {
              const path = ((request as { originalUrl?: string }).originalUrl ?? request.url ?? '').split('?')[0];
              return path.startsWith('/health/') || path === '/metrics';
            },
          },
          // The id the request-id hook gave the request, so every log line of it carries the same id.
          genReqId: (request) => (request as { id?: string }).id ?? randomUUID(),
        },
      }),
    }),
    MetricsModule,
    DatabaseModule,
    AuditModule,
    OutboxModule,
    ReferenceModule,
    EnterprisesModule,
    TechnoparksModule,
    ResidentsModule,
    UsersModule,
    TasksModule,
    AnswersModule,
    MatchReviewModule,
    NotificationsModule,
    HealthModule,
    AuthModule,
    // Counters shared by the replicas in Redis, with O(1) fixed windows.
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [SharedThrottlerStorage],
      useFactory: (storage: SharedThrottlerStorage) => ({ ...THROTTLER_OPTIONS, storage }),
    }),
    DashboardPagesModule,
  ],
  controllers: [
    TasksController,
    AnswersController,
    MatchesController,
    NotificationsController,
    AuthController,
    UsersController,
    EnterprisesController,
    TechnoparksController,
    ResidentsController,
    CapabilitiesController,
    RegionsController,
    MetricsController,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    AuthGuard,
    HttpMetricsHook,
  ],
})
export class AppModule {}
