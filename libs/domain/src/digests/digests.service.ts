import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Jobs } from '@app/queue';
import { OutboxService } from '../outbox/outbox.service';

/** Daily digests go out at 08:00 Minsk time (UTC+3, no DST), when the cluster's offices open. */
export const DAILY_DIGEST_SCHEDULE = { pattern: '0 8 * * *', tz: 'Europe/Minsk' } as const;
export const DAILY_DIGEST_SCHEDULER_ID = 'daily-digest';

/** The calendar day of `at` in Minsk, `YYYY-MM-DD`. */
export function digestDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DAILY_DIGEST_SCHEDULE.tz }).format(at);
}

/**
 * Queues one digest per resident with approved matches that no email has told them about yet.
 *
 * "Never loses a match": a match is pending until a match email or a digest lists it, whatever the
 * resident's mode was when it was approved. So a resident switching from daily to instant still gets
 * the matches approved while it was on daily, and one switching from off to daily gets those still
 * open. Residents on `off` get nothing. The Message-ID carries the day and is unique, so two runs on
 * one day (a retried job, two workers) queue one digest; `digest_items.match_id` is unique, so no
 * match is listed twice.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);
  private readonly messageDomain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.messageDomain = new URL(config.publicBaseUrl).hostname;
  }

  /** @returns how many digests were queued. */
  async queueDailyDigests(day: string): Promise<number> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      throw new RangeError(`digest day must be YYYY-MM-DD, got ${day}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const created: { id: string }[] = await manager.query(
        `WITH pending AS (
           SELECT m.id AS match_id, m.resident_id
           FROM matches m JOIN residents r ON r.id = m.resident_id JOIN tasks t ON t.id = m.task_id
           WHERE m.status = 'approved' AND t.status IN ('open', 'matching', 'matched')
             AND r.active AND r.unsubscribed_at IS NULL AND r.notification_mode <> 'off'
             AND NOT EXISTS (SELECT 1 FROM notifications n
                             WHERE n.kind = 'match' AND n.resident_id = m.resident_id AND n.task_id = m.task_id)
             AND NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.match_id = m.id)
         ), digests AS (
           INSERT INTO notifications (kind, resident_id, recipients, language, message_id)
           SELECT 'digest', r.id, r.emails, r.language, '<digest-' || r.id || '-' || $1 || '@' || $2 || '>'
           FROM residents r WHERE r.id IN (SELECT resident_id FROM pending)
           ON CONFLICT (message_id) DO NOTHING
           RETURNING id, resident_id
         ), items AS (
           INSERT INTO digest_items (notification_id, match_id)
           SELECT d.id, p.match_id FROM digests d JOIN pending p ON p.resident_id = d.resident_id
           ON CONFLICT DO NOTHING
           RETURNING notification_id
         )
         SELECT DISTINCT notification_id AS id FROM items`,
        [day, this.messageDomain],
      );
      await this.outbox.enqueue(
        manager,
        created.map((row) => Jobs.sendNotification(row.id)),
      );
      this.logger.log(`Daily digests for ${day}: ${created.length} queued`);
      return created.length;
    });
  }
}
