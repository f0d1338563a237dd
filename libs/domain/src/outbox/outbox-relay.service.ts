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

  /** Relays until the outbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (let published = await this.relayBatch(); published > 0; published = await this.relayBatch()) {
      total += published;
    }
    return total;
  }

  /** Polls every OUTBOX_POLL_MS and wakes at once on NOTIFY from a committing writer. */
  async start(): Promise<void> {
    this.stopped = false;
    this.listener = await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
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

  private async listen(): Promise<Client | null> {
    try {
      const client = new Client({ connectionString: this.config.databaseUrl });
      await client.connect();
      client.on('notification', () => this.schedule(0));
      client.on('error', (error) => this.logger.warn(`Outbox listener lost: ${String(error)}; polling continues`));
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      return client;
    } catch (error) {
      this.logger.warn(`Cannot LISTEN for outbox rows (${String(error)}); polling only`);
      return null;
    }
  }
}
