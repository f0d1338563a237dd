import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobRequest } from '@app/queue';

/**
 * PostgreSQL channel the relay listens on, so that new outbox rows are relayed at once. The `outbox_notify`
 * trigger (migration 1764500000000) notifies it after every statement that inserts outbox rows.
 */
export const OUTBOX_CHANNEL = 'technomatch_outbox';

/** Schedules jobs inside the caller's transaction: they exist exactly when the change they follow commits. */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
    if (jobs.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO outbox (job_name, job_id, payload)
       SELECT j.name, j."jobId", j.data FROM jsonb_to_recordset($1::jsonb) AS j(name text, "jobId" text, data jsonb)`,
      [JSON.stringify(jobs)],
    );
  }
}
