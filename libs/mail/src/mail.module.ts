import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport.service';
import { SmtpProbe } from './smtp-probe';

@Module({ providers: [MailTransport, SmtpProbe], exports: [MailTransport, SmtpProbe] })
export class MailModule {}
