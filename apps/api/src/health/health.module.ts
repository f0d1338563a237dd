import { Module } from '@nestjs/common';
import { DashboardQueuesModule } from '@app/domain';
import { SmtpProbe } from '@app/mail';
import { HealthController } from './health.controller';

@Module({ imports: [DashboardQueuesModule], controllers: [HealthController], providers: [SmtpProbe] })
export class HealthModule {}
