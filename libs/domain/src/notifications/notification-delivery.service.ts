import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { MailTransport, renderMatchEmail, SmtpDeliveryError, type MailLanguage } from '@app/mail';
import { explainMatch, type MatchBreakdown } from '@app/matching';
import { ANSWER_TOKEN_TTL_SECONDS, signAnswerToken, type AnswerAction } from '../answers/answer-token';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { RegionsService } from '../regions/regions.service';

interface DeliveryRow {
  id: string;
  recipients: string[];
  language: MailLanguage;
  message_id: string;
  match_id: string;
  resident_id: string;
  resident_name: string;
  resident_active: boolean;
  unsubscribed_at: Date | null;
  title: string;
  substitute_name: string;
  region_code: string;
  deadline: string | null;
  budget_amount: string | null;
  budget_currency: string | null;
  breakdown: MatchBreakdown;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped' | 'failed';

/** Thrown for a failure worth retrying (SMTP 4xx, network); the queue retries it with backoff. */
export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
}

/**
 * Delivers one notification. The row is the source of truth: `sending` is committed before the
 * SMTP conversation and `sent` after it, so a crash in between resends (at-least-once) with the
 * same Message-ID; a row already `sent` is never sent again.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailTransport,
    private readonly regions: RegionsService,
    private readonly capabilities: CapabilitiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** @param finalAttempt when true a retryable failure marks the notification failed instead of retrying. */
  async deliver(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      // A CTE, because TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
      `WITH claimed AS (
         UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = now()
         WHERE id = $1 AND status IN ('queued', 'sending')
         RETURNING id, recipients, language, message_id, match_id, resident_id, task_id
       )
       SELECT n.id, n.recipients, n.language, n.message_id, n.match_id, n.resident_id,
              r.name AS resident_name, r.active AS resident_active, r.unsubscribed_at,
              t.title, t.substitute_name, t.region_code, t.deadline::text AS deadline,
              t.budget_amount::text AS budget_amount, t.budget_currency, m.breakdown
       FROM claimed n JOIN residents r ON r.id = n.resident_id JOIN matches m ON m.id = n.match_id
       JOIN tasks t ON t.id = n.task_id`,
      [notificationId],
    );
    if (!row) {
      return 'already-sent';
    }
    if (!row.resident_active || row.unsubscribed_at) {
      await this.markFailed(row.id, 'not sent: the resident is inactive or unsubscribed');
      return 'skipped';
    }
    const email = await this.render(row);
    try {
      const { response } = await this.mail.send({
        to: row.recipients,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: row.message_id,
        headers: {
          // RFC 8058 one-click unsubscribe.
          'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE notifications SET status = 'sent', sent_at = now(), provider_message_id = $2, subject = $3,
                  last_error = NULL, updated_at = now() WHERE id = $1`,
          [row.id, response.slice(0, 500), email.subject],
        );
        await manager.query(
          `UPDATE matches SET status = 'notified', updated_at = now() WHERE id = $1 AND status = 'approved'`,
          [row.match_id],
        );
      });
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SmtpDeliveryError && !error.permanent && !finalAttempt) {
        await this.dataSource.query(
          `UPDATE notifications SET status = 'queued', last_error = $2, updated_at = now() WHERE id = $1`,
          [row.id, message.slice(0, 1000)],
        );
        throw new RetryableDeliveryError(message);
      }
      this.logger.warn(`Notification ${row.id} failed: ${message}`);
      await this.markFailed(row.id, message);
      return 'failed';
    }
  }

  private async markFailed(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`,
      [id, reason.slice(0, 1000)],
    );
  }

  private async render(row: DeliveryRow) {
    const region = await this.regions.get(row.region_code);
    const labels = new Map<string, string>();
    for (const requirement of row.breakdown.requirements) {
      const capability = await this.capabilities.get(requirement.capability);
      if (capability) {
        labels.set(capability.code, row.language === 'ru' ? capability.labelRu : capability.labelEn);
      }
    }
    const link = (subject: string, action: AnswerAction) => {
      const token = signAnswerToken(
        { subject, action, expiresAt: Math.floor(Date.now() / 1000) + ANSWER_TOKEN_TTL_SECONDS },
        this.config.appSecret,
      );
      return `${this.config.publicBaseUrl}/r/${token}`;
    };
    const links = {
      interested: link(row.match_id, 'interested'),
      declined: link(row.match_id, 'declined'),
      unsubscribe: link(row.resident_id, 'unsubscribe'),
      digest: link(row.resident_id, 'digest'),
    };
    const rendered = renderMatchEmail({
      language: row.language,
      residentName: row.resident_name,
      task: {
        title: row.title,
        substituteName: row.substitute_name,
        regionName: region ? (row.language === 'ru' ? region.nameRu : region.nameEn) : row.region_code,
        deadline: row.deadline,
        budget:
          row.budget_amount && row.budget_currency
            ? { amount: Number(row.budget_amount), currency: row.budget_currency }
            : null,
      },
      reasons: explainMatch(row.breakdown, row.language, (code) =>
        labels.has(code) ? `${code} ${labels.get(code)}` : code,
      ),
      links,
    });
    return { ...rendered, unsubscribeUrl: links.unsubscribe };
  }
}
