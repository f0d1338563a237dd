import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Metrics } from '@app/metrics';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  MIN_QUALIFIED_MATCHES,
  rankResidents,
  resolveWeights,
  type MatchBreakdown,
  type MatchingResult,
  type MatchingWeights,
  type ResidentProfile,
  type TaskProfile,
} from '@app/matching';
import { Jobs } from '@app/queue';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { OutboxService } from '../outbox/outbox.service';
import { RegionsService } from '../regions/regions.service';
import type { MatchingSummary } from '../tasks/task.entity';
import { Task } from '../tasks/task.entity';
import { Match, type MatchStatus } from './match.entity';
import { ResidentIndex, type IndexScan, type ScannedResident } from './resident-index';

/** Statuses of a match that the resident has not answered yet and that re-matching may withdraw. */
const WITHDRAWABLE: readonly MatchStatus[] = ['proposed', 'approved', 'notified'];
/** A resident's open engagements: live matches on tasks still open. */
const ENGAGED: readonly MatchStatus[] = ['approved', 'notified', 'interested'];

export type MatchTaskOutcome = 'matched' | 'stale' | 'skipped';

/**
 * Matches one task against the residents: scans them all in the worker's {@link ResidentIndex}, ranks
 * and explains the shortlist with the pure engine, and writes matches, notifications and their outbox
 * rows in one transaction. Re-matching (an edited task, a changed resident) takes the same path: it
 * re-scores and re-ranks, adds, withdraws what no longer qualifies unless answered, and never emails a
 * resident twice about one task. Idempotent: running it twice changes nothing the second time.
 */
@Injectable()
export class TaskMatchingService {
  private readonly logger = new Logger(TaskMatchingService.name);
  private readonly weights: MatchingWeights;
  private readonly messageDomain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly capabilities: CapabilitiesService,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
    private readonly index: ResidentIndex,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    const { capabilityWeight, regionWeight, threshold, limit, distanceScaleKm } = config.matching;
    this.messageDomain = new URL(config.publicBaseUrl).hostname;
    this.weights = resolveWeights({
      capability: capabilityWeight,
      region: regionWeight,
      threshold,
      limit,
      distanceScaleKm,
    });
  }

  async matchTask(taskId: string, version: number): Promise<MatchTaskOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (!task) {
        return 'skipped';
      }
      if (task.version !== version || task.matchedVersion === version) {
        return 'stale';
      }
      await this.match(manager, task);
      return 'matched';
    });
  }

  /**
   * Re-ranks a task that is already matched at its current version, because a resident changed. A task
   * whose current version is not matched yet is left alone: its pending `task.match` job sees the change.
   */
  async rematchTask(taskId: string): Promise<MatchTaskOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (!task) {
        return 'skipped';
      }
      if (task.matchedVersion !== task.version) {
        return 'stale';
      }
      await this.match(manager, task);
      return 'matched';
    });
  }

  /**
   * Matches one resident against the open tasks (DESIGN.md §4.7) by re-ranking, one transaction each,
   * every matched task the resident may now qualify for (every required capability held, country and
   * certifications fit, credit from at least one requirement) and every task it holds a live match on
   * (to re-score or withdraw it). Re-running the whole task keeps its top N and ranks consistent; it is
   * idempotent and never emails twice (see `queueNotifications`).
   * @returns how many tasks were re-ranked.
   */
  async matchResident(residentId: string): Promise<number> {
    const rematched = await this.matchResidents([residentId]);
    this.logger.log(`Resident ${residentId}: re-ranked ${rematched} open tasks`);
    return rematched;
  }

  /**
   * Matches every resident a committed CSV import created, as {@link matchResident} does for one, but re-ranks
   * each affected task once for all of them: thousands of rows cost one pass over the open tasks.
   * @returns how many tasks were re-ranked.
   */
  async matchImportedResidents(importId: string): Promise<number> {
    const residents: { id: string }[] = await this.dataSource.query(`SELECT id FROM residents WHERE import_id = $1`, [
      importId,
    ]);
    const rematched = await this.matchResidents(residents.map((resident) => resident.id));
    this.logger.log(`Import ${importId}: ${residents.length} residents, re-ranked ${rematched} open tasks`);
    return rematched;
  }

  /** Re-ranks, once each, the matched tasks any of `residentIds` may qualify for or holds a live match on. */
  private async matchResidents(residentIds: string[]): Promise<number> {
    if (residentIds.length === 0) {
      return 0;
    }
    const tasks: { id: string }[] = await this.dataSource.query(
      `WITH me AS (SELECT * FROM residents WHERE id = ANY($1::uuid[])),
       creditable AS (
         -- Per resident, the codes it earns credit for: held (declared or a descendant declared), or whose
         -- parent or grandparent it declared.
         SELECT me.id AS resident_id, c.code FROM capabilities c, me
         WHERE me.capability_closure @> ARRAY[c.code::text] OR c.parent_code = ANY(me.capabilities)
            OR c.ancestors[cardinality(c.ancestors) - 1] = ANY(me.capabilities)
       )
       SELECT t.id FROM tasks t
       WHERE t.status IN ('open', 'matching', 'matched') AND t.matched_version = t.version
         AND EXISTS (
           SELECT 1 FROM me WHERE
             EXISTS (SELECT 1 FROM matches m WHERE m.task_id = t.id AND m.resident_id = me.id
                       AND m.status <> 'withdrawn')
             OR (me.active AND me.unsubscribed_at IS NULL
                 AND me.country = ANY(t.countries) AND me.certifications @> t.certifications
                 AND NOT EXISTS (SELECT 1 FROM task_requirements q WHERE q.task_id = t.id AND q.required
                                   AND NOT me.capability_closure @> ARRAY[q.capability_code::text])
                 AND EXISTS (SELECT 1 FROM task_requirements q JOIN creditable c ON c.code = q.capability_code
                               WHERE q.task_id = t.id AND c.resident_id = me.id))
         )
       ORDER BY t.created_at, t.id`,
      [residentIds],
    );
    let rematched = 0;
    for (const { id } of tasks) {
      if ((await this.rematchTask(id)) === 'matched') {
        rematched += 1;
      }
    }
    return rematched;
  }

  /**
   * Gives a new `task.match` job to every live task whose current version is still unmatched after
   * `stuckAfterSeconds`: its job was lost (Redis lost its data). The job id is the original one, so a job
   * still queued absorbs the new one, and matching is idempotent, so a late duplicate changes nothing.
   * @returns how many tasks were queued again.
   */
  async requeueUnmatchedTasks(stuckAfterSeconds: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const stuck: { id: string; version: number }[] = await manager.query(
        `SELECT id, version FROM tasks
         WHERE status IN ('open', 'matching', 'matched') AND matched_version IS DISTINCT FROM version
           AND updated_at < now() - make_interval(secs => $1)
         ORDER BY updated_at LIMIT 1000`,
        [stuckAfterSeconds],
      );
      await this.outbox.enqueue(
        manager,
        stuck.map((task) => Jobs.matchTask(task.id, task.version)),
      );
      return stuck.length;
    });
  }

  /** Locks the task (concurrent runs for one task serialise; an edit waits for the run); null when it is gone or over. */
  private async lockTask(manager: EntityManager, taskId: string): Promise<Task | null> {
    await manager.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
    const task = await manager
      .getRepository(Task)
      .findOne({ where: { id: taskId }, relations: { requirements: true } });
    return !task || task.status === 'closed' || task.status === 'cancelled' ? null : task;
  }

  /** Loads the resident index ahead of the first task (at a million residents that takes seconds). */
  async warmUp(): Promise<number> {
    await this.index.refresh(await this.capabilities.taxonomy());
    return this.index.residents;
  }

  /** Ranks the task as matching would, without writing anything (benchmarks, previews); null when it is gone or over. */
  async rankTask(taskId: string): Promise<{ result: MatchingResult; summary: MatchingSummary } | null> {
    return this.dataSource.transaction(async (manager) => {
      const task = await manager
        .getRepository(Task)
        .findOne({ where: { id: taskId }, relations: { requirements: true } });
      if (!task || task.status === 'closed' || task.status === 'cancelled') {
        return null;
      }
      return this.rank(manager, task.id, await this.profileOf(task), this.weightsFor(task));
    });
  }

  /** The environment's defaults with the task's own overrides; resolveWeights re-checks every bound. */
  private weightsFor(task: Task): MatchingWeights {
    const options = task.matchingOptions;
    if (!options) {
      return this.weights;
    }
    const capability = options.capabilityWeight ?? this.weights.capability;
    return resolveWeights({
      ...this.weights,
      capability,
      region: Math.round((1 - capability) * 1e6) / 1e6,
      threshold: options.threshold ?? this.weights.threshold,
      limit: options.limit ?? this.weights.limit,
    });
  }

  private async profileOf(task: Task): Promise<TaskProfile> {
    const region = await this.regions.get(task.regionCode);
    if (!region) {
      throw new Error(`task ${task.id} has unknown region ${task.regionCode}`);
    }
    return {
      requirements: [...task.requirements]
        .sort((a, b) => a.position - b.position)
        .map((requirement) => ({
          capability: requirement.capabilityCode,
          weight: requirement.weight,
          required: requirement.required,
        })),
      regionCode: task.regionCode,
      centre: { lat: region.lat, lon: region.lon },
      countries: task.countries,
      maxDistanceKm: task.maxDistanceKm,
      certifications: task.certifications,
    };
  }

  private async match(manager: EntityManager, task: Task): Promise<void> {
    const stopTimer = this.metrics?.matchingDuration.startTimer();
    try {
      await this.matchUntimed(manager, task);
    } finally {
      stopTimer?.();
    }
  }

  private async matchUntimed(manager: EntityManager, task: Task): Promise<void> {
    const profile = await this.profileOf(task);
    const { result, summary } = await this.rank(manager, task.id, profile, this.weightsFor(task));
    await this.writeMatches(manager, task, result.matches);
    await manager.update(
      Task,
      { id: task.id },
      { status: 'matched', matchedVersion: task.version, matchedAt: new Date(), matchingSummary: summary },
    );
    this.logger.log(
      `Task ${task.id} v${task.version}: ${result.matches.length} matches of ${summary.considered} candidates`,
    );
  }

  /**
   * Ranks every resident for the task: the in-memory index scans them all (exact counts and scores, see
   * {@link ResidentIndex}), and the pure engine ranks and explains a shortlist that provably holds the top N:
   * every resident scoring above the N-th best score, plus enough of those tied with it. Ties rank by open
   * engagements, which live in PostgreSQL; within the tie they are fetched for a prefix in (headcount, id)
   * order until it holds enough residents without engagements, who come first.
   */
  private async rank(
    manager: EntityManager,
    taskId: string,
    profile: TaskProfile,
    weights: MatchingWeights,
  ): Promise<{ result: MatchingResult; summary: MatchingSummary }> {
    const taxonomy = await this.capabilities.taxonomy();
    for (let attempt = 1; ; attempt++) {
      await this.index.refresh(taxonomy);
      const scan = await this.index.scan(profile, weights);
      const shortlist = await this.shortlist(manager, taskId, scan, weights.limit);
      if (shortlist.missing.length > 0 && attempt < 3) {
        // Deleted since the index last looked (deletes leave no change stamp): forget them and scan again.
        this.index.forget(shortlist.missing);
        continue;
      }
      const result = rankResidents(profile, shortlist.residents, taxonomy, weights);
      const tooFew = scan.qualified < MIN_QUALIFIED_MATCHES;
      const summary: MatchingSummary = {
        considered: scan.considered,
        qualified: scan.qualified,
        matched: result.matches.length,
        tooFew,
        // Too few: say why over every active resident; otherwise, as the engine counts its candidates.
        excluded: tooFew
          ? {
              country: scan.excludedByCountry,
              capability: scan.excludedByCapability,
              certification: scan.excludedByCertification,
              distance: scan.excludedByDistance,
              belowThreshold: scan.belowThreshold,
            }
          : {
              country: 0,
              capability: Object.fromEntries(Object.keys(scan.excludedByCapability).map((code) => [code, 0])),
              certification: 0,
              distance: scan.candidateDistance,
              belowThreshold: scan.belowThreshold,
            },
      };
      return { result, summary };
    }
  }

  private async shortlist(
    manager: EntityManager,
    taskId: string,
    scan: IndexScan,
    limit: number,
  ): Promise<{ residents: ResidentProfile[]; missing: string[] }> {
    let above = scan.passing;
    let tied: ScannedResident[] = [];
    if (scan.passing.length > limit) {
      const cutoff = nthBestScore(scan.passing, limit);
      above = scan.passing.filter((entry) => entry.score > cutoff);
      tied = scan.passing
        .filter((entry) => entry.score === cutoff)
        .sort(
          (a, b) =>
            this.index.headcountOf(a.slot) - this.index.headcountOf(b.slot) ||
            (this.index.idOf(a.slot) < this.index.idOf(b.slot) ? -1 : 1),
        );
    }
    const need = limit - above.length;
    for (let take = Math.min(tied.length, need + 32); ; take = Math.min(tied.length, take * 4)) {
      const chosen = [...above, ...tied.slice(0, take)];
      const ids = chosen.map((entry) => this.index.idOf(entry.slot));
      const live = await this.liveEngagements(manager, taskId, ids);
      const missing = ids.filter((id) => !live.has(id));
      const free = tied.slice(0, take).filter((entry) => live.get(this.index.idOf(entry.slot)) === 0).length;
      if (missing.length > 0 || take === tied.length || free >= need) {
        const residents = await Promise.all(
          chosen
            .filter((entry) => live.has(this.index.idOf(entry.slot)))
            .map((entry) => this.index.profileOf(entry.slot, live.get(this.index.idOf(entry.slot))!)),
        );
        return { residents, missing };
      }
    }
  }

  /** Open engagements of each resident that still exists and may be matched; the others are left out. */
  private async liveEngagements(
    manager: EntityManager,
    taskId: string,
    residentIds: string[],
  ): Promise<Map<string, number>> {
    if (residentIds.length === 0) {
      return new Map();
    }
    const rows: { id: string; open: number }[] = await manager.query(
      `SELECT r.id, (SELECT count(*)::int FROM matches m JOIN tasks t ON t.id = m.task_id
                     WHERE m.resident_id = r.id AND m.task_id <> $2 AND m.status = ANY($3::text[])
                       AND t.status IN ('open', 'matching', 'matched')) AS open
       FROM residents r WHERE r.id = ANY($1::uuid[]) AND r.active AND r.unsubscribed_at IS NULL`,
      [residentIds, taskId, ENGAGED],
    );
    return new Map(rows.map((row) => [row.id, row.open]));
  }

  private async writeMatches(
    manager: EntityManager,
    task: Task,
    scored: ReturnType<typeof rankResidents>['matches'],
  ): Promise<void> {
    const existing = await manager.getRepository(Match).find({ where: { taskId: task.id } });
    const byResident = new Map(existing.map((match) => [match.residentId, match]));
    const keep = new Set(scored.map((match) => match.residentId));

    const withdrawn = existing.filter((match) => !keep.has(match.residentId) && WITHDRAWABLE.includes(match.status));
    if (withdrawn.length > 0) {
      await manager.query(`UPDATE matches SET status = 'withdrawn', updated_at = now() WHERE id = ANY($1::uuid[])`, [
        withdrawn.map((match) => match.id),
      ]);
    }

    const reviewed: { resident_id: string; review_matches: boolean }[] = await manager.query(
      `SELECT r.id AS resident_id, p.review_matches FROM residents r JOIN technoparks p ON p.id = r.technopark_id
       WHERE r.id = ANY($1::uuid[])`,
      [[...keep]],
    );
    const needsReview = new Map(reviewed.map((row) => [row.resident_id, row.review_matches]));

    // A withdrawn match that qualifies again returns to where it was: notified if its email went out.
    const notified: { resident_id: string }[] = await manager.query(
      `SELECT resident_id FROM notifications WHERE kind = 'match' AND task_id = $1 AND status = 'sent'`,
      [task.id],
    );
    const alreadyNotified = new Set(notified.map((row) => row.resident_id));

    const updates: { id: string; score: number; rank: number; breakdown: MatchBreakdown; status: MatchStatus }[] = [];
    const inserts: { resident: string; score: number; rank: number; breakdown: MatchBreakdown; status: MatchStatus }[] =
      [];
    for (const match of scored) {
      const earlier = byResident.get(match.residentId);
      if (earlier) {
        const status: MatchStatus =
          earlier.status !== 'withdrawn'
            ? earlier.status
            : alreadyNotified.has(match.residentId)
              ? 'notified'
              : needsReview.get(match.residentId)
                ? 'proposed'
                : 'approved';
        updates.push({ id: earlier.id, score: match.score, rank: match.rank, breakdown: match.breakdown, status });
      } else {
        const status = needsReview.get(match.residentId) ? 'proposed' : 'approved';
        inserts.push({
          resident: match.residentId,
          score: match.score,
          rank: match.rank,
          breakdown: match.breakdown,
          status,
        });
      }
    }
    // One statement each way, and rows that would not change are left alone (a second run writes nothing).
    if (updates.length > 0) {
      await manager.query(
        `UPDATE matches m SET score = u.score, rank = u.rank, breakdown = u.breakdown, status = u.status,
                task_version = $2, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, score numeric, rank int, breakdown jsonb, status text)
         WHERE m.id = u.id
           AND (m.score, m.rank, m.breakdown, m.status, m.task_version)
               IS DISTINCT FROM (u.score, u.rank, u.breakdown, u.status, $2)`,
        [JSON.stringify(updates), task.version],
      );
    }
    if (inserts.length > 0) {
      await manager.query(
        `INSERT INTO matches (task_id, resident_id, score, rank, breakdown, status, task_version)
         SELECT $2, u.resident, u.score, u.rank, u.breakdown, u.status, $3
         FROM jsonb_to_recordset($1::jsonb) AS u(resident uuid, score numeric, rank int, breakdown jsonb, status text)`,
        [JSON.stringify(inserts), task.id, task.version],
      );
    }
    await this.queueNotifications(manager, task.id);
  }

  /**
   * One notification per approved match whose resident takes instant emails. The partial unique
   * index on (resident_id, task_id) makes a second email about the same task impossible.
   */
  private async queueNotifications(manager: EntityManager, taskId: string): Promise<void> {
    const created: { id: string }[] = await manager.query(
      `INSERT INTO notifications (kind, resident_id, task_id, match_id, recipients, language, message_id)
       SELECT 'match', r.id, m.task_id, m.id, r.emails, r.language,
              '<match-' || m.task_id || '-' || r.id || '@' || $2 || '>'
       FROM matches m JOIN residents r ON r.id = m.resident_id
       WHERE m.task_id = $1 AND m.status = 'approved'
         AND r.active AND r.unsubscribed_at IS NULL AND r.notification_mode = 'instant'
       ON CONFLICT (resident_id, task_id) WHERE kind = 'match' DO NOTHING
       RETURNING id`,
      [taskId, this.messageDomain],
    );
    await this.outbox.enqueue(
      manager,
      created.map((row) => Jobs.sendNotification(row.id)),
    );
  }
}

/**
 * The `n`-th best score (1-based) among `entries`, in linear time: scores are rounded to 4 decimals, so a
 * histogram over their 10 001 values finds it without sorting.
 */
function nthBestScore(entries: readonly ScannedResident[], n: number): number {
  const counts = new Uint32Array(10_001);
  for (const { score } of entries) {
    counts[Math.round(score * 10_000)] += 1;
  }
  let seen = 0;
  for (let bucket = 10_000; bucket >= 0; bucket--) {
    seen += counts[bucket];
    if (seen >= n) {
      const inBucket = entries.find((entry) => Math.round(entry.score * 10_000) === bucket);
      return inBucket!.score;
    }
  }
  return -Infinity;
}
