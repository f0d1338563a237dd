import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@app/metrics';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  MailTransport,
  renderDigestEmail,
  renderInterestEmail,
  renderMatchEmail,
  SmtpDeliveryError,
  type MailLanguage,
  type RenderedEmail,
} from '@app/mail';
import { explainMatch, type MatchBreakdown } from '@app/matching';
import { ANSWER_TOKEN_TTL_SECONDS, signAnswerToken, type AnswerAction } from '../answers/answer-token';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { residentInScope, type StaffScope } from '../matches/staff-scope';
import { RegionsService } from '../regions/regions.service';
import type { NotificationKind } from './notification.entity';

interface TaskRow {
  match_id: string;
  task_id: string;
  title: string;
  substitute_name: string;
  region_code: string;
  deadline: string | null;
  budget_amount: string | null;
  budget_currency: string | null;
  breakdown: MatchBreakdown;
}

/** The claimed notification, its resident and, for a match email, its match and task. */
interface ClaimedRow {
  id: string;
  kind: NotificationKind;
  recipients: string[];
  language: MailLanguage;
  message_id: string;
  match_id: string | null;
  task_id: string | null;
  resident_id: string;
  resident_name: string;
  resident_active: boolean;
  unsubscribed_at: Date | null;
  notification_mode: string;
  /** The match email's task and breakdown; null for other kinds. */
  title: string | null;
  substitute_name: string | null;
  region_code: string | null;
  deadline: string | null;
  budget_amount: string | null;
  budget_currency: string | null;
  breakdown: MatchBreakdown | null;
  match_status: string | null;
  task_status: string | null;
}

interface Composed extends RenderedEmail {
  headers: Record<string, string>;
  /** Matches this email tells the resident about; they become `notified` once it is sent. */
  matchIds: string[];
}

/** What a notification's email looks like when rendered now, with its answer links blanked out. */
export interface NotificationPreview {
  subject: string;
  html: string;
  text: string;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped' | 'failed';

/** Thrown for a failure worth retrying (SMTP 4xx, network); the queue retries it with backoff. */
export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
}

const TASK_COLUMNS = `m.id AS match_id, t.id AS task_id, t.title, t.substitute_name, t.region_code,
  t.deadline::text AS deadline, t.budget_amount::text AS budget_amount, t.budget_currency, m.breakdown`;

/** Pauses before the second and third try to record a sent email. */
const RECORD_SENT_DELAYS_MS = [200, 1000];

/**
 * Delivers one notification: a match email or a daily digest to a resident, or an "interested" email
 * to an enterprise. The row is the source of truth: `sending` is committed before the SMTP
 * conversation and `sent` after it, so a crash in between resends (at-least-once) with the same
 * Message-ID; a row already `sent` is never sent again.
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
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** @param finalAttempt when true a retryable failure marks the notification failed instead of retrying. */
  async deliver(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    try {
      const outcome = await this.attempt(notificationId, finalAttempt);
      this.metrics?.emails.inc({ outcome });
      return outcome;
    } catch (error) {
      this.metrics?.emails.inc({ outcome: error instanceof RetryableDeliveryError ? 'retry' : 'error' });
      throw error;
    }
  }

  /**
   * Renders a notification's email as it would be sent now, for staff of the resident's technopark
   * (admins: any). The signed answer links are replaced by `#`: staff must not be able to answer, or
   * unsubscribe, on a resident's behalf. Null when out of scope or when there is nothing to render.
   */
  async preview(notificationId: string, staff: StaffScope): Promise<NotificationPreview | null> {
    const [row]: ClaimedRow[] = await this.dataSource.query(
      `WITH claimed AS (
         SELECT n.id, n.kind, n.recipients, n.language, n.message_id, n.match_id, n.task_id, n.resident_id
         FROM notifications n JOIN residents r ON r.id = n.resident_id
         WHERE n.id = $1 AND ${residentInScope('r', 2, 3)}
       )
       SELECT n.id, n.kind, n.recipients, n.language, n.message_id, n.match_id, n.task_id, n.resident_id,
              r.name AS resident_name, r.active AS resident_active, r.unsubscribed_at, r.notification_mode,
              t.title, t.substitute_name, t.region_code, t.deadline::text AS deadline,
              t.budget_amount::text AS budget_amount, t.budget_currency, m.breakdown,
              m.status AS match_status, t.status AS task_status
       FROM claimed n JOIN residents r ON r.id = n.resident_id
       LEFT JOIN matches m ON m.id = n.match_id AND n.kind = 'match' LEFT JOIN tasks t ON t.id = m.task_id`,
      [notificationId, staff.userId, staff.role],
    );
    const email = row ? await this.compose(row) : null;
    if (!email) {
      return null;
    }
    const answerLink = new RegExp(`${escapeRegExp(this.config.publicBaseUrl)}/r/[A-Za-z0-9._~-]+`, 'g');
    return {
      subject: email.subject,
      html: email.html.replace(answerLink, '#'),
      text: email.text.replace(answerLink, '#'),
    };
  }

  private async attempt(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const [row]: ClaimedRow[] = await this.dataSource.query(
      // A CTE, because TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
      `WITH claimed AS (
         UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = now()
         WHERE id = $1 AND status IN ('queued', 'sending')
         RETURNING id, kind, recipients, language, message_id, match_id, task_id, resident_id
       )
       SELECT n.id, n.kind, n.recipients, n.language, n.message_id, n.match_id, n.task_id, n.resident_id,
              r.name AS resident_name, r.active AS resident_active, r.unsubscribed_at, r.notification_mode,
              t.title, t.substitute_name, t.region_code, t.deadline::text AS deadline,
              t.budget_amount::text AS budget_amount, t.budget_currency, m.breakdown,
              m.status AS match_status, t.status AS task_status
       FROM claimed n JOIN residents r ON r.id = n.resident_id
       LEFT JOIN matches m ON m.id = n.match_id AND n.kind = 'match' LEFT JOIN tasks t ON t.id = m.task_id`,
      [notificationId],
    );
    if (!row) {
      return 'already-sent';
    }
    // Checked at send time, not only when queued: the resident may have left or unsubscribed since.
    if (row.kind !== 'interest' && (!row.resident_active || row.unsubscribed_at || row.notification_mode === 'off')) {
      await this.markSkipped(row.id, 'not sent: the resident is inactive, unsubscribed or has emails off');
      return 'skipped';
    }
    // Re-matching may have withdrawn the match, or the enterprise closed the task, since the email was queued.
    if (
      row.kind === 'match' &&
      (['withdrawn', 'rejected'].includes(row.match_status ?? '') ||
        ['closed', 'cancelled'].includes(row.task_status ?? ''))
    ) {
      await this.markSkipped(row.id, `not sent: the match is ${row.match_status} and the task ${row.task_status}`);
      return 'skipped';
    }
    const email = await this.compose(row);
    if (!email) {
      await this.markSkipped(row.id, 'not sent: nothing left to tell (the match or task is gone)');
      return 'skipped';
    }
    let response: string;
    try {
      ({ response } = await this.mail.send({
        to: row.recipients,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: row.message_id,
        headers: email.headers,
      }));
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
    await this.recordSent(row.id, response, email);
    return 'sent';
  }

  /**
   * The email is out: a database error from here on must not mark it failed. A dropped connection is replaced
   * at once, so the write is tried again briefly; if the database still refuses it, the error fails the job,
   * whose retry resends with the same Message-ID (the at-least-once window) and records it then.
   */
  private async recordSent(id: string, response: string, email: Composed): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // One statement, so atomic without a transaction's extra round trips.
        await this.dataSource.query(
          `WITH sent AS (
             UPDATE notifications SET status = 'sent', sent_at = now(), provider_message_id = $2, subject = $3,
                    last_error = NULL, updated_at = now() WHERE id = $1 RETURNING id
           )
           UPDATE matches SET status = 'notified', updated_at = now()
           WHERE id = ANY($4::uuid[]) AND status = 'approved' AND EXISTS (SELECT 1 FROM sent)`,
          [id, response.slice(0, 500), email.subject, email.matchIds],
        );
        return;
      } catch (error) {
        if (attempt === RECORD_SENT_DELAYS_MS.length + 1) {
          throw error;
        }
        this.logger.warn(`Notification ${id} was sent but not recorded (${String(error)}); trying again`);
        await new Promise((resolve) => setTimeout(resolve, RECORD_SENT_DELAYS_MS[attempt - 1]));
      }
    }
  }

  /** Not sent on purpose: nothing to retry, and not counted as a failure. */
  private async markSkipped(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'skipped', last_error = $2, updated_at = now() WHERE id = $1`,
      [id, reason.slice(0, 1000)],
    );
  }

  private async markFailed(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`,
      [id, reason.slice(0, 1000)],
    );
  }

  private async compose(row: ClaimedRow): Promise<Composed | null> {
    switch (row.kind) {
      case 'match':
        return this.composeMatch(row);
      case 'digest':
        return this.composeDigest(row);
      case 'interest':
        return this.composeInterest(row);
    }
  }

  private link(subject: string, action: AnswerAction): string {
    const token = signAnswerToken(
      { subject, action, expiresAt: Math.floor(Date.now() / 1000) + ANSWER_TOKEN_TTL_SECONDS },
      this.config.appSecret,
    );
    return `${this.config.publicBaseUrl}/r/${token}`;
  }

  /** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the link. */
  private unsubscribeHeaders(url: string): Record<string, string> {
    return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }

  private async regionName(code: string, language: MailLanguage): Promise<string> {
    const region = await this.regions.get(code);
    return region ? (language === 'ru' ? region.nameRu : region.nameEn) : code;
  }

  private budgetOf(task: TaskRow): { amount: number; currency: string } | null {
    return task.budget_amount && task.budget_currency
      ? { amount: Number(task.budget_amount), currency: task.budget_currency }
      : null;
  }

  private async composeMatch(row: ClaimedRow): Promise<Composed | null> {
    if (!row.match_id || !row.task_id || !row.title || !row.breakdown) {
      return null;
    }
    const task: TaskRow = {
      ...row,
      match_id: row.match_id,
      task_id: row.task_id,
      title: row.title,
      substitute_name: row.substitute_name ?? '',
      region_code: row.region_code ?? '',
      breakdown: row.breakdown,
    };
    const labels = new Map<string, string>();
    for (const requirement of task.breakdown.requirements) {
      const capability = await this.capabilities.get(requirement.capability);
      if (capability) {
        labels.set(capability.code, row.language === 'ru' ? capability.labelRu : capability.labelEn);
      }
    }
    const links = {
      interested: this.link(task.match_id, 'interested'),
      declined: this.link(task.match_id, 'declined'),
      unsubscribe: this.link(row.resident_id, 'unsubscribe'),
      digest: this.link(row.resident_id, 'digest'),
    };
    const rendered = renderMatchEmail({
      language: row.language,
      residentName: row.resident_name,
      task: {
        title: task.title,
        substituteName: task.substitute_name,
        regionName: await this.regionName(task.region_code, row.language),
        deadline: task.deadline,
        budget: this.budgetOf(task),
      },
      reasons: explainMatch(task.breakdown, row.language, (code) =>
        labels.has(code) ? `${code} ${labels.get(code)}` : code,
      ),
      links,
    });
    return { ...rendered, headers: this.unsubscribeHeaders(links.unsubscribe), matchIds: [task.match_id] };
  }

  private async composeDigest(row: ClaimedRow): Promise<Composed | null> {
    const tasks: TaskRow[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM digest_items d JOIN matches m ON m.id = d.match_id JOIN tasks t ON t.id = m.task_id
       WHERE d.notification_id = $1 ORDER BY m.created_at, m.id`,
      [row.id],
    );
    if (tasks.length === 0) {
      return null;
    }
    const unsubscribe = this.link(row.resident_id, 'unsubscribe');
    const items = [];
    for (const task of tasks) {
      items.push({
        title: task.title,
        substituteName: task.substitute_name,
        regionName: await this.regionName(task.region_code, row.language),
        deadline: task.deadline,
        budget: this.budgetOf(task),
        links: { interested: this.link(task.match_id, 'interested'), declined: this.link(task.match_id, 'declined') },
      });
    }
    const rendered = renderDigestEmail({
      language: row.language,
      residentName: row.resident_name,
      day: /-(\d{4}-\d{2}-\d{2})@/.exec(row.message_id)?.[1] ?? '',
      items,
      links: { unsubscribe },
    });
    return {
      ...rendered,
      headers: this.unsubscribeHeaders(unsubscribe),
      matchIds: tasks.map((task) => task.match_id),
    };
  }

  private async composeInterest(row: ClaimedRow): Promise<Composed | null> {
    const [details]: {
      enterprise_name: string;
      task_id: string;
      title: string;
      region_code: string;
      emails: string[];
    }[] = await this.dataSource.query(
      `SELECT e.name AS enterprise_name, t.id AS task_id, t.title, r.region_code, r.emails
       FROM matches m JOIN tasks t ON t.id = m.task_id JOIN enterprises e ON e.id = t.enterprise_id
       JOIN residents r ON r.id = m.resident_id WHERE m.id = $1`,
      [row.match_id],
    );
    if (!details) {
      return null;
    }
    const rendered = renderInterestEmail({
      enterpriseName: details.enterprise_name,
      task: { id: details.task_id, title: details.title },
      resident: {
        name: row.resident_name,
        regionName: await this.regionName(details.region_code, 'ru'),
        emails: details.emails,
      },
      matchesUrl: `${this.config.publicBaseUrl}/api/v1/tasks/${details.task_id}/matches`,
    });
    return { ...rendered, headers: {}, matchIds: [] };
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
