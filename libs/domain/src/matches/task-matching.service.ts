import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  rankResidents,
  resolveWeights,
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

interface CandidateRow {
  id: string;
  country: string;
  region_code: string;
  headcount: number;
  capabilities: string[];
  certifications: string[];
  lat: number;
  lon: number;
}

/** Statuses of a match that the resident has not answered yet and that re-matching may withdraw. */
const WITHDRAWABLE: readonly MatchStatus[] = ['proposed', 'approved', 'notified'];
/** A resident's open engagements: live matches on tasks still open. */
const ENGAGED: readonly MatchStatus[] = ['approved', 'notified', 'interested'];

export type MatchTaskOutcome = 'matched' | 'stale' | 'skipped';

/**
 * Matches one task against the residents: retrieves candidates with the GIN indexes, scores them
 * with the pure engine, and writes matches, notifications and their outbox rows in one transaction.
 * Idempotent: running it twice for one task version changes nothing the second time.
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
    @Inject(APP_CONFIG) config: AppConfig,
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
      // Locks the task: concurrent runs for one task serialise, and an edit waits for the run to finish.
      await manager.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
      const task = await manager
        .getRepository(Task)
        .findOne({ where: { id: taskId }, relations: { requirements: true } });
      if (!task || task.status === 'closed' || task.status === 'cancelled') {
        return 'skipped';
      }
      if (task.version !== version || task.matchedVersion === version) {
        return 'stale';
      }
      const region = await this.regions.get(task.regionCode);
      if (!region) {
        throw new Error(`task ${task.id} has unknown region ${task.regionCode}`);
      }
      const profile: TaskProfile = {
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
      const taxonomy = await this.capabilities.taxonomy();
      const candidates = await this.retrieveCandidates(manager, task, profile, taxonomy);
      const result = rankResidents(profile, candidates, taxonomy, this.weights);

      const summary: MatchingSummary = {
        considered: result.considered,
        qualified: result.qualified,
        matched: result.matches.length,
        tooFew: result.tooFew,
        excluded: result.tooFew ? await this.exclusionCounts(manager, task, profile) : result.excluded,
      };
      await this.writeMatches(manager, task, result.matches);
      await manager.update(
        Task,
        { id: task.id },
        { status: 'matched', matchedVersion: version, matchedAt: new Date(), matchingSummary: summary },
      );
      this.logger.log(
        `Task ${task.id} v${version}: ${result.matches.length} matches of ${result.considered} candidates`,
      );
      return 'matched';
    });
  }

  private async retrieveCandidates(
    manager: EntityManager,
    task: Task,
    profile: TaskProfile,
    taxonomy: { parentOf(code: string): string | null },
  ): Promise<ResidentProfile[]> {
    const codes = profile.requirements.map((requirement) => requirement.capability);
    const required = profile.requirements.filter((r) => r.required).map((r) => r.capability);
    // Partial credit comes from declaring a requirement's parent or grandparent.
    const elders = new Set<string>();
    for (const code of codes) {
      const parent = taxonomy.parentOf(code);
      if (parent) {
        elders.add(parent);
        const grandparent = taxonomy.parentOf(parent);
        if (grandparent) {
          elders.add(grandparent);
        }
      }
    }
    const rows: CandidateRow[] = await manager.query(
      `SELECT r.id, r.country, r.region_code, r.headcount, r.capabilities, r.certifications, g.lat, g.lon
       FROM residents r JOIN regions g ON g.code = r.region_code
       WHERE r.active AND r.unsubscribed_at IS NULL
         AND r.country = ANY($1::text[])
         AND r.capability_closure @> $2::text[]
         AND r.certifications @> $3::text[]
         AND (r.capability_closure && $4::text[] OR r.capabilities && $5::text[])`,
      [task.countries, required, task.certifications, codes, [...elders]],
    );
    const engagements = await this.openEngagements(
      manager,
      task.id,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      country: row.country,
      regionCode: row.region_code,
      centre: { lat: row.lat, lon: row.lon },
      headcount: row.headcount,
      capabilities: row.capabilities,
      certifications: row.certifications,
      openEngagements: engagements.get(row.id) ?? 0,
    }));
  }

  private async openEngagements(
    manager: EntityManager,
    taskId: string,
    residentIds: string[],
  ): Promise<Map<string, number>> {
    if (residentIds.length === 0) {
      return new Map();
    }
    const rows: { resident_id: string; open: number }[] = await manager.query(
      `SELECT m.resident_id, count(*)::int AS open
       FROM matches m JOIN tasks t ON t.id = m.task_id
       WHERE m.resident_id = ANY($1::uuid[]) AND m.task_id <> $2 AND m.status = ANY($3::text[])
         AND t.status IN ('open', 'matching', 'matched')
       GROUP BY m.resident_id`,
      [residentIds, taskId, ENGAGED],
    );
    return new Map(rows.map((row) => [row.resident_id, row.open]));
  }

  /** Why residents were left out, counted over every active resident by its first failing hard filter. */
  private async exclusionCounts(
    manager: EntityManager,
    task: Task,
    profile: TaskProfile,
  ): Promise<MatchingSummary['excluded']> {
    const required = profile.requirements.filter((r) => r.required).map((r) => r.capability);
    const [row]: { country: number; certification: number; by_capability: Record<string, number> | null }[] =
      await manager.query(
        `WITH active AS (
           SELECT r.* FROM residents r WHERE r.active AND r.unsubscribed_at IS NULL
         ), first_missing AS (
           SELECT a.id, (SELECT code FROM unnest($2::text[]) WITH ORDINALITY AS q(code, n)
                         WHERE NOT a.capability_closure @> ARRAY[code] ORDER BY n LIMIT 1) AS code
           FROM active a WHERE a.country = ANY($1::text[])
         )
         SELECT
           (SELECT count(*)::int FROM active WHERE NOT country = ANY($1::text[])) AS country,
           (SELECT jsonb_object_agg(code, n) FROM (SELECT code, count(*)::int AS n FROM first_missing
              WHERE code IS NOT NULL GROUP BY code) c) AS by_capability,
           (SELECT count(*)::int FROM active a JOIN first_missing f ON f.id = a.id
              WHERE f.code IS NULL AND NOT a.certifications @> $3::text[]) AS certification`,
        [task.countries, required, task.certifications],
      );
    const distance = task.maxDistanceKm === null ? 0 : await this.excludedByDistance(manager, task, profile);
    return {
      country: row.country,
      capability: row.by_capability ?? {},
      certification: row.certification,
      distance,
      belowThreshold: 0,
    };
  }

  private async excludedByDistance(manager: EntityManager, task: Task, profile: TaskProfile): Promise<number> {
    const required = profile.requirements.filter((r) => r.required).map((r) => r.capability);
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM residents r JOIN regions g ON g.code = r.region_code
       WHERE r.active AND r.unsubscribed_at IS NULL AND r.country = ANY($1::text[])
         AND r.capability_closure @> $2::text[] AND r.certifications @> $3::text[] AND r.region_code <> $4
         AND 2 * 6371.0088 * asin(sqrt(
               power(sin(radians(g.lat - $5) / 2), 2) +
               cos(radians($5)) * cos(radians(g.lat)) * power(sin(radians(g.lon - $6) / 2), 2))) > $7`,
      [
        task.countries,
        required,
        task.certifications,
        task.regionCode,
        profile.centre.lat,
        profile.centre.lon,
        task.maxDistanceKm,
      ],
    );
    return row.n;
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

    for (const match of scored) {
      const earlier = byResident.get(match.residentId);
      if (earlier) {
        const status: MatchStatus =
          earlier.status === 'withdrawn'
            ? needsReview.get(match.residentId)
              ? 'proposed'
              : 'approved'
            : earlier.status;
        await manager.update(
          Match,
          { id: earlier.id },
          { score: match.score, rank: match.rank, breakdown: match.breakdown, taskVersion: task.version, status },
        );
      } else {
        await manager.insert(Match, {
          taskId: task.id,
          residentId: match.residentId,
          score: match.score,
          rank: match.rank,
          breakdown: match.breakdown,
          taskVersion: task.version,
          status: needsReview.get(match.residentId) ? 'proposed' : 'approved',
        });
      }
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
