import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import {
  AnswersModule,
  AuditModule,
  EnterprisesModule,
  OutboxModule,
  ReferenceModule,
  ResidentsModule,
  TasksModule,
  TechnoparksModule,
  UsersModule,
} from '@app/domain';
import { AnswersController } from './answers/answers.controller';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { HealthController } from './health/health.controller';
import { TasksController } from './tasks/tasks.controller';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
        },
      }),
    }),
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
    TerminusModule,
  ],
  controllers: [TasksController, AnswersController, HealthController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class AppModule {}
