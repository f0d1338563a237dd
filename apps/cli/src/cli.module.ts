import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import {
  AuditModule,
  EnterprisesModule,
  OutboxModule,
  ReferenceModule,
  ResidentsModule,
  TasksModule,
  TechnoparksModule,
  UsersModule,
} from '@app/domain';

/** The domain services without HTTP: the admin CLI, and the matching suites (test/support/matching-system.ts). */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    AuditModule,
    OutboxModule,
    ReferenceModule,
    EnterprisesModule,
    UsersModule,
    TechnoparksModule,
    ResidentsModule,
    TasksModule,
  ],
})
export class CliModule {}
