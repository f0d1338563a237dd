import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isJobName, JobProducer, type JobRequest } from '@app/queue';
import { OUTBOX_CHANNEL } from './outbox.service';

interface OutboxRow {
  id: string;
  job_name: string;
  job_id: string;
  payload: JobRequest['data'];
}

const BATCH_SIZE = 500;
/** The listener's connection as PostgreSQL shows it (pg_stat_activity.application_name). */
export const OUTBOX_LISTENER_NAME = 'technomatch-outbox-listener';
/** A lost listener is opened again after 1 s, doubling up to 30 s while the database stays away. */
const LISTEN_RETRY_MIN_MS = 1000;
const LISTEN_RETRY_MAX_MS = 30_000;

/**
 * Moves committed outbox rows into BullMQ. Rows are locked with SKIP LOCKED, so any number of
 * workers relay side by side; a row is marked published only after Redis accepted its job, and a
 * crash in between re-adds a job whose id already exists, which BullMQ ignores.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private listenTimer: NodeJS.Timeout | null = null;
  private listenRetryMs = LISTEN_RETRY_MIN_MS;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Relays one batch; returns how many rows it published. */
  async relayBatch(): Promise<number> {
    let claimed: string[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, job_name, job_id, payload FROM outbox
           WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH_SIZE],
        );
        claimed = rows.map((row) => row.id);
        if (rows.length === 0) {
          return 0;
        }
        const unknown = rows.filter((row) => !isJobName(row.job_name));
        if (unknown.length > 0) {
          throw new Error(`Outbox rows with unknown job names: ${unknown.map((row) => row.job_name).join(', ')}`);
        }
        await this.producer.addAll(
          rows.map((row) => ({ name: row.job_name, data: row.payload, jobId: row.job_id }) as JobRequest),
        );
        await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [claimed]);
        return rows.length;
      });
    } catch (error) {
      // The transaction rolled back; count the failed attempt outside it, so operators can see stuck rows.
      if (claimed.length > 0) {
        await this.dataSource
          .query(
            `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[]) AND published_at IS NULL`,
            [claimed, String(error).slice(0, 1000)],
          )
          .catch(() => undefined);
      }
      throw error;
    }
  }

  /** How many rows wait to be relayed, and how long the oldest has waited (for the metrics). */
  async backlog(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query<{ rows: number; age: number }[]>(
      `SELECT count(*)::int AS rows, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
       FROM outbox WHERE published_at IS NULL`,
    );
    return { rows: row.rows, oldestAgeSeconds: row.age };
  }

  /** Relays until the outbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (let published = await this.relayBatch(); published > 0; published = await this.relayBatch()) {
      total += published;
    }
    return total;
  }

  /**
   * Polls every OUTBOX_POLL_MS and wakes at once on NOTIFY from a committing writer. The listening connection
   * is opened again whenever it is lost (a database restart or failover); polling carries on meanwhile.
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    if (this.listenTimer) {
      clearTimeout(this.listenTimer);
      this.listenTimer = null;
    }
    await this.running;
    if (this.listener) {
      await this.listener.end().catch(() => undefined);
      this.listener = null;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`Outbox relay failed, will retry: ${String(error)}`))
      .finally(() => {
        this.running = null;
        const again = this.again;
        this.again = false;
        this.schedule(again ? 0 : this.config.outboxPollMs);
      });
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: OUTBOX_LISTENER_NAME });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) {
        return;
      }
      lost = true;
      if (this.listener === client) {
        this.listener = null;
      }
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        this.logger.warn(
          `Outbox listener lost (${reason}); polling continues, listening again in ${this.listenRetryMs} ms`,
        );
        this.listenTimer = setTimeout(() => {
          this.listenTimer = null;
          void this.listen();
        }, this.listenRetryMs);
        this.listenRetryMs = Math.min(this.listenRetryMs * 2, LISTEN_RETRY_MAX_MS);
      }
    };
    client.on('error', (error) => onLost(String(error)));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => this.schedule(0));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      onLost(String(error));
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.listenRetryMs = LISTEN_RETRY_MIN_MS;
    // Rows committed while nobody listened are relayed now rather than at the next poll.
    this.schedule(0);
  }
}
