import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Jobs } from '@app/queue';
import { OutboxService } from '../outbox/outbox.service';
import type { WebhookEvent } from './webhook-delivery.entity';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';
import { postWebhook, WebhookTargetRefused } from './webhook-target';

export type WebhookOutcome = 'delivered' | 'already-delivered' | 'failed';

/** Thrown when the receiver did not answer 2xx in time; the queue retries with exponential backoff. */
export class RetryableWebhookError extends Error {
  override readonly name = 'RetryableWebhookError';
}

const TIMEOUT_MS = 10_000;

/**
 * Signed POSTs to enterprises' webhook URLs. A delivery row is written with its outbox row in the
 * transaction of the event; every attempt is logged with the receiver's status code or error.
 * Receivers get `X-TechnoMatch-Delivery` (stable across retries) to drop duplicates.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues `event` about `subjectId` for the enterprise, if it registered a webhook URL; at most once
   * per (enterprise, event, subject). Returns the delivery id, or null when nothing was queued.
   */
  async queue(
    manager: EntityManager,
    enterpriseId: string,
    event: WebhookEvent,
    subjectId: string,
    data: object,
  ): Promise<string | null> {
    const [created]: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (enterprise_id, event, subject_id, url, payload)
       SELECT e.id, $2::text, $3::uuid, e.webhook_url,
              jsonb_build_object('event', $2::text, 'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'data', $4::jsonb)
       FROM enterprises e WHERE e.id = $1 AND e.webhook_url IS NOT NULL
       ON CONFLICT (enterprise_id, event, subject_id) DO NOTHING
       RETURNING id`,
      [enterpriseId, event, subjectId, JSON.stringify(data)],
    );
    if (!created) {
      return null;
    }
    await this.outbox.enqueue(manager, [Jobs.deliverWebhook(created.id)]);
    return created.id;
  }

  /** @param finalAttempt when true a failure marks the delivery failed instead of retrying. */
  async deliver(deliveryId: string, finalAttempt: boolean): Promise<WebhookOutcome> {
    const [row]: { id: string; event: string; url: string; payload: object; attempts: number; secret: string }[] =
      await this.dataSource.query(
        `WITH claimed AS (
           UPDATE webhook_deliveries SET status = 'delivering', attempts = attempts + 1, updated_at = now()
           WHERE id = $1 AND status IN ('queued', 'delivering')
           RETURNING id, enterprise_id, event, url, payload, attempts
         )
         SELECT c.id, c.event, c.url, c.payload, c.attempts, e.webhook_secret AS secret
         FROM claimed c JOIN enterprises e ON e.id = c.enterprise_id`,
        [deliveryId],
      );
    if (!row) {
      return 'already-delivered';
    }
    const body = JSON.stringify({ id: row.id, ...row.payload });
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      statusCode = await postWebhook({
        url: row.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'TechnoMatch-Webhooks/1',
          'x-technomatch-event': row.event,
          'x-technomatch-delivery': row.id,
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, row.secret, Math.floor(Date.now() / 1000)),
        },
        body,
        timeoutMs: TIMEOUT_MS,
        allowPrivate: this.config.webhookAllowPrivate,
      });
      if (statusCode < 200 || statusCode >= 300) {
        error = `HTTP ${statusCode}`;
      }
    } catch (caught) {
      refused = caught instanceof WebhookTargetRefused;
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    const durationMs = Date.now() - started;
    const status = error === null ? 'delivered' : finalAttempt || refused ? 'failed' : 'queued';
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5)`,
        [row.id, row.attempts, statusCode, error?.slice(0, 1000) ?? null, durationMs],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = $2::text, last_status_code = $3, last_error = $4,
                delivered_at = CASE WHEN $2::text = 'delivered' THEN now() END, updated_at = now()
         WHERE id = $1`,
        [row.id, status, statusCode, error?.slice(0, 1000) ?? null],
      );
    });
    if (status === 'queued') {
      throw new RetryableWebhookError(`webhook ${row.id} to ${row.url}: ${error}`);
    }
    if (status === 'failed') {
      this.logger.warn(`Webhook ${row.id} to ${row.url} failed after ${row.attempts} attempts: ${error}`);
    }
    return status;
  }
}
