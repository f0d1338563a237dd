import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { DeclineReason } from '../matches/match.entity';
import { queueInterestNotification } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { verifyAnswerToken, type AnswerAction } from './answer-token';

export type AnswerPageState =
  | { kind: 'invalid'; reason: 'malformed' | 'signature' | 'expired' | 'gone' }
  | {
      kind: 'ready' | 'done';
      action: AnswerAction;
      language: 'ru' | 'en';
      residentName: string;
      taskTitle: string | null;
    };

interface SubjectRow {
  language: 'ru' | 'en';
  resident_name: string;
  task_title: string | null;
  done: boolean;
}

/**
 * Residents' answers from their email links. Reading a link ({@link inspect}) never changes
 * anything: mail scanners prefetch links. Only {@link answer} (a POST) records the choice.
 */
@Injectable()
export class AnswersService {
  private readonly messageDomain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhooksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.messageDomain = new URL(config.publicBaseUrl).hostname;
  }

  async inspect(token: string): Promise<AnswerPageState> {
    const check = verifyAnswerToken(token, this.config.appSecret, Math.floor(Date.now() / 1000));
    if (!check.ok) {
      return { kind: 'invalid', reason: check.reason };
    }
    const row = await this.load(check.claims.subject, check.claims.action);
    if (!row) {
      return { kind: 'invalid', reason: 'gone' };
    }
    return {
      kind: row.done ? 'done' : 'ready',
      action: check.claims.action,
      language: row.language,
      residentName: row.resident_name,
      taskTitle: row.task_title,
    };
  }

  /** Records the answer once; a second POST of the same link changes nothing and reports it as done. */
  async answer(token: string, reason?: DeclineReason, comment?: string): Promise<AnswerPageState> {
    const state = await this.inspect(token);
    if (state.kind !== 'ready') {
      return state;
    }
    const check = verifyAnswerToken(token, this.config.appSecret, Math.floor(Date.now() / 1000));
    if (!check.ok) {
      return { kind: 'invalid', reason: check.reason };
    }
    const { subject, action } = check.claims;
    if (action === 'interested' || action === 'declined') {
      await this.dataSource.transaction(async (manager) => {
        const answered: { id: string; task_id: string; enterprise_id: string; resident_id: string }[] =
          await manager.query(
            `WITH answered AS (
               UPDATE matches SET status = $2, answered_at = now(), decline_reason = $3, decline_comment = $4,
                      updated_at = now()
               WHERE id = $1 AND status IN ('approved', 'notified')
               RETURNING id, task_id, resident_id, answered_at
             )
             SELECT a.id, a.task_id, a.resident_id, t.enterprise_id FROM answered a JOIN tasks t ON t.id = a.task_id`,
            [
              subject,
              action,
              action === 'declined' ? (reason ?? null) : null,
              action === 'declined' ? (comment ?? null) : null,
            ],
          );
        const [match] = answered;
        if (match && action === 'interested') {
          // The enterprise hears back in the same transaction as the answer: by email, and by webhook if it has one.
          await queueInterestNotification(manager, this.outbox, match.id, this.messageDomain);
          await this.webhooks.queue(manager, match.enterprise_id, 'match.interested', match.id, {
            matchId: match.id,
            taskId: match.task_id,
            residentId: match.resident_id,
            status: 'interested',
          });
        }
      });
    } else if (action === 'unsubscribe') {
      await this.dataSource.query(
        `UPDATE residents SET unsubscribed_at = now(), updated_at = now() WHERE id = $1 AND unsubscribed_at IS NULL`,
        [subject],
      );
    } else {
      await this.dataSource.query(
        `UPDATE residents SET notification_mode = 'daily', updated_at = now() WHERE id = $1`,
        [subject],
      );
    }
    return { ...state, kind: 'done' };
  }

  private async load(subject: string, action: AnswerAction): Promise<SubjectRow | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(subject)) {
      return undefined;
    }
    if (action === 'interested' || action === 'declined') {
      const [row]: SubjectRow[] = await this.dataSource.query(
        `SELECT r.language, r.name AS resident_name, t.title AS task_title,
                m.status NOT IN ('approved', 'notified') AS done
         FROM matches m JOIN residents r ON r.id = m.resident_id JOIN tasks t ON t.id = m.task_id WHERE m.id = $1`,
        [subject],
      );
      return row;
    }
    const [row]: SubjectRow[] = await this.dataSource.query(
      `SELECT language, name AS resident_name, NULL AS task_title,
              CASE WHEN $2 = 'unsubscribe' THEN unsubscribed_at IS NOT NULL ELSE notification_mode = 'daily' END AS done
       FROM residents WHERE id = $1`,
      [subject, action],
    );
    return row;
  }
}
