import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, type AppConfig } from '@app/config';

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Deterministic Message-ID, e.g. `<match-…@host>`. */
  messageId: string;
  headers?: Record<string, string>;
}

/** An SMTP failure, classified: 5xx replies are permanent, 4xx replies and network errors are worth retrying. */
export class SmtpDeliveryError extends Error {
  override readonly name = 'SmtpDeliveryError';

  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
  }
}

/** Sends email over SMTP (SMTP_URL) with a pooled nodemailer transport. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transporter = createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: 10,
      maxMessages: 1000,
    } as SMTPPool.Options);
    this.from = config.mailFrom;
  }

  /** Sends one email; resolves with the server's reply, or throws {@link SmtpDeliveryError}. */
  async send(email: OutgoingEmail): Promise<{ response: string }> {
    try {
      const info = (await this.transporter.sendMail({
        from: this.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.headers,
      })) as { response?: string };
      return { response: info.response ?? '' };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      const message = error instanceof Error ? error.message : String(error);
      throw new SmtpDeliveryError(message, code !== null && code >= 500, code);
    }
  }

  async verify(): Promise<boolean> {
    return this.transporter.verify();
  }

  /**
   * Closes the pool in the last shutdown phase: processors stop their workers earlier (onModuleDestroy),
   * so the emails in flight on SIGTERM finish on open connections.
   */
  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
