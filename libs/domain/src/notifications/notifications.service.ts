import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Jobs } from '@app/queue';
import { AuditService } from '../audit/audit.service';
import { residentInScope, type StaffScope } from '../matches/staff-scope';
import { OutboxService } from '../outbox/outbox.service';
import type { NotificationKind, NotificationStatus } from './notification.entity';

export type RetryOutcome = 'queued' | 'not-found' | 'not-failed';

/** One row of the staff's notification log. */
export interface NotificationLogEntry {
  id: string;
  kind: NotificationKind;
  recipients: string[];
  residentName: string;
  subject: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  messageId: string;
  language: string;
  taskId: string | null;
  taskTitle: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface NotificationLogRow {
  id: string;
  kind: NotificationKind;
  recipients: string[];
  resident_name: string;
  subject: string | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  message_id: string;
  language: string;
  task_id: string | null;
  task_title: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const NOTIFICATION_LOG_SELECT = `SELECT n.id, n.kind, n.recipients, r.name AS resident_name, n.subject, n.status, n.attempts,
       n.last_error, n.message_id, n.language, n.task_id, t.title AS task_title, n.sent_at, n.created_at, n.updated_at
  FROM notifications n JOIN residents r ON r.id = n.resident_id LEFT JOIN tasks t ON t.id = n.task_id`;

function toLogEntry(row: NotificationLogRow): NotificationLogEntry {
  return {
    id: row.id,
    kind: row.kind,
    recipients: row.recipients,
    residentName: row.resident_name,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    messageId: row.message_id,
    language: row.language,
    taskId: row.task_id,
    taskTitle: row.task_title,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * How long a notification may stay `queued` or `sending` before the sweep gives it a new job. Longer
 * than the queue's longest backoff, so a job still waiting to retry is not doubled. The default of
 * STUCK_AFTER_SECONDS.
 */
export const STUCK_NOTIFICATION_MINUTES = 15;

/** Staff-facing operations on notifications; delivery itself is {@link NotificationDeliveryService}. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The newest notifications of the staff member's technoparks (all for admins), optionally of one status. */
  async log(
    staff: StaffScope,
    filter: { status?: NotificationStatus; limit: number },
  ): Promise<NotificationLogEntry[]> {
    const rows: NotificationLogRow[] = await this.dataSource.query(
      `${NOTIFICATION_LOG_SELECT}
       WHERE ${residentInScope('r', 1, 2)} AND ($3::text IS NULL OR n.status = $3)
       ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
      [staff.userId, staff.role, filter.status ?? null, filter.limit],
    );
    return rows.map(toLogEntry);
  }

  /** One notification, or null when it does not exist or lies outside the staff member's technoparks. */
  async findOne(notificationId: string, staff: StaffScope): Promise<NotificationLogEntry | null> {
    const [row]: NotificationLogRow[] = await this.dataSource.query(
      `${NOTIFICATION_LOG_SELECT} WHERE n.id = $1 AND ${residentInScope('r', 2, 3)}`,
      [notificationId, staff.userId, staff.role],
    );
    return row ? toLogEntry(row) : null;
  }

  /** See {@link sweepStuckNotifications}. */
  async sweepStuck(): Promise<number> {
    return sweepStuckNotifications(this.dataSource, this.outbox, this.config.stuckAfterSeconds);
  }

  /**
   * Puts a failed notification back in the queue (the dashboard's retry button). The job id carries
   * the attempt count, so it never collides with the first job, which BullMQ keeps as failed.
   */
  async retry(notificationId: string, staff: StaffScope): Promise<RetryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: { id: string; status: string; attempts: number }[] = await manager.query(
        `SELECT n.id, n.status, n.attempts FROM notifications n JOIN residents r ON r.id = n.resident_id
         WHERE n.id = $1 AND ${residentInScope('r', 2, 3)} FOR UPDATE OF n`,
        [notificationId, staff.userId, staff.role],
      );
      if (!row) {
        return 'not-found';
      }
      if (row.status !== 'failed') {
        return 'not-failed';
      }
      await manager.query(
        `UPDATE notifications SET status = 'queued', last_error = NULL, updated_at = now() WHERE id = $1`,
        [row.id],
      );
      await this.outbox.enqueue(manager, [Jobs.sendNotification(row.id, row.attempts)]);
      await this.audit.record(
        manager,
        { type: 'user', id: staff.userId },
        'notification.retry',
        'notification',
        row.id,
        { status: 'failed' },
        { status: 'queued' },
      );
      return 'queued';
    });
  }
}

/**
 * Gives a new job to every notification stuck in `queued` or `sending` for longer than `stuckAfterSeconds`
 * (default {@link STUCK_NOTIFICATION_MINUTES}): its job was lost (Redis lost data) or given up (a worker
 * stalled more than BullMQ allows). The row stays the source of truth: a sent row is never resent.
 * @returns how many notifications were queued again.
 */
export async function sweepStuckNotifications(
  dataSource: DataSource,
  outbox: OutboxService,
  stuckAfterSeconds = STUCK_NOTIFICATION_MINUTES * 60,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const stuck: { id: string }[] = await manager.query(
      `SELECT id FROM notifications
       WHERE status IN ('queued', 'sending') AND updated_at < now() - make_interval(secs => $1)
       ORDER BY updated_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      [stuckAfterSeconds],
    );
    if (stuck.length === 0) {
      return 0;
    }
    const ids = stuck.map((row) => row.id);
    await manager.query(`UPDATE notifications SET updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
    const sweep = Math.floor(Date.now() / 1000);
    await outbox.enqueue(
      manager,
      ids.map((id) => Jobs.resendNotification(id, sweep)),
    );
    return ids.length;
  });
}

/**
 * Queues the email telling the task's enterprise that the match's resident is interested, with its
 * outbox row, inside the caller's transaction; at most one per match (a partial unique index).
 */
export async function queueInterestNotification(
  manager: EntityManager,
  outbox: OutboxService,
  matchId: string,
  messageDomain: string,
): Promise<string | null> {
  const [created]: { id: string }[] = await manager.query(
    `INSERT INTO notifications (kind, resident_id, task_id, match_id, recipients, language, message_id)
     SELECT 'interest', m.resident_id, m.task_id, m.id, ARRAY[e.email], 'ru', '<interest-' || m.id || '@' || $2 || '>'
     FROM matches m JOIN tasks t ON t.id = m.task_id JOIN enterprises e ON e.id = t.enterprise_id
     WHERE m.id = $1
     ON CONFLICT (match_id) WHERE kind = 'interest' DO NOTHING
     RETURNING id`,
    [matchId, messageDomain],
  );
  if (!created) {
    return null;
  }
  await outbox.enqueue(manager, [Jobs.sendNotification(created.id)]);
  return created.id;
}

/**
 * Queues the match email for each given match that is approved and whose resident takes instant
 * emails, with its outbox row, inside the caller's transaction. The partial unique index on
 * (resident_id, task_id) makes a second email about one task impossible: a conflict inserts nothing.
 */
export async function queueMatchNotifications(
  manager: EntityManager,
  outbox: OutboxService,
  matchIds: readonly string[],
  messageDomain: string,
): Promise<string[]> {
  if (matchIds.length === 0) {
    return [];
  }
  const created: { id: string }[] = await manager.query(
    `INSERT INTO notifications (kind, resident_id, task_id, match_id, recipients, language, message_id)
     SELECT 'match', r.id, m.task_id, m.id, r.emails, r.language,
            '<match-' || m.task_id || '-' || r.id || '@' || $2 || '>'
     FROM matches m JOIN residents r ON r.id = m.resident_id
     WHERE m.id = ANY($1::uuid[]) AND m.status = 'approved'
       AND r.active AND r.unsubscribed_at IS NULL AND r.notification_mode = 'instant'
     ON CONFLICT (resident_id, task_id) WHERE kind = 'match' DO NOTHING
     RETURNING id`,
    [matchIds, messageDomain],
  );
  await outbox.enqueue(
    manager,
    created.map((row) => Jobs.sendNotification(row.id)),
  );
  return created.map((row) => row.id);
}
