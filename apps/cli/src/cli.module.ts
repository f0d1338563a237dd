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
