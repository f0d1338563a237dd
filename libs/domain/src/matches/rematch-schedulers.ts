import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Jobs } from '@app/queue';
import { OutboxService } from '../outbox/outbox.service';

/**
 * Schedules the re-matching of an edited task (DESIGN.md §4.7) inside the caller's transaction, so
 * the job exists exactly when the edit commits. The caller bumps `tasks.version` in the same
 * transaction and passes the new version: a job for an older version finds the task moved on and
 * does nothing, and re-matching never emails a resident twice about one task.
 */
@Injectable()
export class TaskRematchScheduler {
  constructor(private readonly outbox: OutboxService) {}

  async scheduleTask(manager: EntityManager, taskId: string, version: number): Promise<void> {
    await this.outbox.enqueue(manager, [Jobs.matchTask(taskId, version)]);
  }
}

/**
 * Schedules matching one resident against every open task, inside the caller's transaction. Call it
 * when a resident is created, and when its capabilities, region, certifications or active flag change.
 *
 * The job id carries the id of the writing transaction: several calls within one transaction collapse
 * into one job, while every later change gets a job of its own (an id derived from `updated_at` would
 * collide for writes that do not touch it).
 */
@Injectable()
export class ResidentRematchScheduler {
  constructor(private readonly outbox: OutboxService) {}

  async scheduleResident(manager: EntityManager, residentId: string): Promise<void> {
    const [{ txid }]: { txid: string }[] = await manager.query(`SELECT pg_current_xact_id()::text AS txid`);
    await this.outbox.enqueue(manager, [Jobs.matchResident(residentId, Number(txid))]);
  }
}

/** The schedulers alone, for feature modules (tasks, residents) that must not pull in the matching engine. */
@Module({
  providers: [TaskRematchScheduler, ResidentRematchScheduler],
  exports: [TaskRematchScheduler, ResidentRematchScheduler],
})
export class RematchSchedulingModule {}
