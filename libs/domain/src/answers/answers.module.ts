import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AnswersService } from './answers.service';

@Module({ imports: [WebhooksModule], providers: [AnswersService], exports: [AnswersService] })
export class AnswersModule {}
