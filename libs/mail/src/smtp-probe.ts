import { Inject, Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@app/config';

/** How long an answer is reused: probes come every few seconds, an SMTP handshake is not free. */
const CACHE_MS = 10_000;
const TIMEOUT_MS = 2_000;

/** Whether the SMTP server (SMTP_URL) greets and accepts EHLO (and the credentials, when the URL has them). */
@Injectable()
export class SmtpProbe {
  private last: { at: number; reachable: Promise<boolean> } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  reachable(): Promise<boolean> {
    if (!this.last || Date.now() - this.last.at > CACHE_MS) {
      this.last = { at: Date.now(), reachable: this.verify() };
    }
    return this.last.reachable;
  }

  private async verify(): Promise<boolean> {
    const transporter = createTransport({
      url: this.config.smtpUrl,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    } as Parameters<typeof createTransport>[0]);
    try {
      return await transporter.verify();
    } catch {
      return false;
    } finally {
      transporter.close();
    }
  }
}
