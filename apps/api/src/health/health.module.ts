import { Module } from '@nestjs/common';
import { SmtpProbe } from '@app/mail';
import { RedisProbe } from '@app/queue';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [RedisProbe, SmtpProbe] })
export class HealthModule {}
