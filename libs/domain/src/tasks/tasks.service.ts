import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MatchBreakdown } from '@app/matching';
import { Jobs } from '@app/queue';
import { AuditService } from '../audit/audit.service';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { DomainConflictError, DomainValidationError, type FieldError } from '../common/domain-errors';
import { normalizeCertifications } from '../common/normalize';
import { Match, type DeclineReason, type MatchStatus } from '../matches/match.entity';
import { residentInScope, type StaffScope } from '../matches/staff-scope';
import { TaskRematchScheduler } from '../matches/rematch-schedulers';
import { OutboxService } from '../outbox/outbox.service';
import { RegionsService } from '../regions/regions.service';
import { Resident } from '../residents/resident.entity';
import { TaskInsertBatcher } from './task-insert-batcher';
import { TaskRequirement } from './task-requirement.entity';
import { Task, type Currency, type MatchingSummary, type TaskMatchingOptions, type TaskStatus } from './task.entity';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../common/page';

export interface CreateTaskInput {
  title: string;
  description?: string;
  substitutes: { name: string; tnVed?: string; manufacturer?: string; partNumber?: string };
  requirements: { capability: string; weight: number; required: boolean }[];
  region: string;
  countries?: string[];
  maxDistanceKm?: number;
  certifications?: string[];
  quantity?: number;
  budget?: { amount: number; currency: Currency };
  deadline?: string;
  matching?: TaskMatchingOptions;
}

export const DEFAULT_TASK_COUNTRIES = ['BY', 'RU'];

/** A task's edit: any field of {@link CreateTaskInput}; `requirements`, when given, replace the old list. */
export type UpdateTaskInput = Partial<CreateTaskInput>;

/** Statuses in which a task can still be edited, closed or cancelled. */
export const LIVE_TASK_STATUSES: readonly TaskStatus[] = ['open', 'matching', 'matched'];

export interface CreatedTask {
  task: Task;
  /** True when an Idempotency-Key matched an earlier request and its task is returned again. */
  replayed: boolean;
}

/** A match as its task's enterprise sees it: contact details only once the resident said it is interested. */
export interface EnterpriseMatchView {
  match: Pick<Match, 'id' | 'rank' | 'score' | 'status' | 'breakdown' | 'answeredAt' | 'declineReason'>;
  resident: Pick<Resident, 'id' | 'name' | 'country' | 'regionCode' | 'headcount'> & { emails: string[] | null };
}

/** Filters of the staff's task list; `enterprise` matches part of the name, `capability` a code and the codes under it. */
export interface StaffTaskFilter {
  status?: TaskStatus;
  enterprise?: string;
  region?: string;
  capability?: string;
  limit: number;
}

/** A row of the staff's task list; `matches` counts only the matches the staff member may see. */
export interface StaffTaskListItem {
  id: string;
  title: string;
  status: TaskStatus;
  enterpriseName: string;
  regionCode: string;
  capabilities: string[];
  matches: number;
  createdAt: Date;
}

/** A match of a task as staff see it: breakdown, answer and decline reason. */
export interface StaffTaskMatch {
  id: string;
  rank: number;
  score: number;
  status: MatchStatus;
  breakdown: MatchBreakdown;
  declineReason: DeclineReason | null;
  declineComment: string | null;
  answeredAt: Date | null;
  resident: { id: string; name: string; regionCode: string; technoparkName: string };
}

export interface StaffTaskView {
  task: Task;
  enterpriseName: string;
  matchingSummary: MatchingSummary | null;
  matches: StaffTaskMatch[];
}

/**
 * Coordinators see a task only when it has a match in one of their technoparks; admins see every task.
 * `$userParam`/`$roleParam` are positional parameters, as in {@link residentInScope}.
 */
function taskInScope(taskAlias: string, userParam: number, roleParam: number): string {
  return `($${roleParam}::text = 'admin' OR EXISTS (SELECT 1 FROM matches sm JOIN residents sr ON sr.id = sm.resident_id
            WHERE sm.task_id = ${taskAlias}.id AND ${residentInScope('sr', userParam, roleParam)}))`;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capabilities: CapabilitiesService,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly rematch: TaskRematchScheduler,
    private readonly inserts: TaskInsertBatcher,
  ) {}

  /**
   * Creates the task and schedules its matching in one transaction. With an idempotency key,
   * a retried request returns the first task; the same key with another body is a 422.
   */
  async create(
    enterpriseId: string,
    input: CreateTaskInput,
    idempotencyKey?: string,
    requestId?: string,
  ): Promise<CreatedTask> {
    const requestHash = idempotencyKey ? hashRequest(input) : null;
    if (idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(this.dataSource.manager, enterpriseId, idempotencyKey);
      if (earlier) {
        return this.replay(earlier, requestHash);
      }
    }
    await this.validateReferences(input);
    const task = newTask(enterpriseId, input, idempotencyKey ?? null, requestHash);
    const result = await this.inserts.insert({
      task,
      job: Jobs.matchTask(task.id, 1, requestId),
      actor: { type: 'enterprise', id: enterpriseId, requestId },
    });
    if (result.inserted) {
      const { status, version, createdAt, updatedAt } = result;
      return { task: Object.assign(task, { status, version, createdAt, updatedAt }), replayed: false };
    }
    // Two concurrent requests with one key: the loser returns the winner's task.
    const earlier = idempotencyKey
      ? await this.findByIdempotencyKey(this.dataSource.manager, enterpriseId, idempotencyKey)
      : null;
    if (!earlier) {
      throw new Error(`task ${task.id} was neither inserted nor found by its Idempotency-Key`);
    }
    return this.replay(earlier, requestHash);
  }

  /** The enterprise's own task, or null (another enterprise's task is indistinguishable from a missing one). */
  async findOne(enterpriseId: string, taskId: string): Promise<Task | null> {
    return this.dataSource.getRepository(Task).findOne({
      where: { id: taskId, enterpriseId },
      relations: { requirements: true },
      order: { requirements: { position: 'ASC' } },
    });
  }

  /**
   * Ranked live matches of the enterprise's own task, or null when the task is not theirs: one query, whose first
   * row proves ownership (the task row comes back even without matches).
   */
  async listMatches(enterpriseId: string, taskId: string): Promise<EnterpriseMatchView[] | null> {
    const rows: {
      id: string | null;
      rank: number;
      score: string;
      status: MatchStatus;
      breakdown: MatchBreakdown;
      answered_at: Date | null;
      decline_reason: DeclineReason | null;
      resident_id: string;
      name: string;
      country: string;
      region_code: string;
      headcount: number;
      emails: string[] | null;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.rank, m.score, m.status, m.breakdown, m.answered_at, m.decline_reason,
              r.id AS resident_id, r.name, r.country, r.region_code, r.headcount,
              CASE WHEN m.status = 'interested' THEN r.emails END AS emails
       FROM tasks t
       LEFT JOIN matches m ON m.task_id = t.id AND m.status NOT IN ('withdrawn', 'rejected')
       LEFT JOIN residents r ON r.id = m.resident_id
       WHERE t.id = $1 AND t.enterprise_id = $2
       ORDER BY m.rank`,
      [taskId, enterpriseId],
    );
    if (rows.length === 0) {
      return null;
    }
    return rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        match: {
          id: row.id!,
          rank: row.rank,
          score: Number(row.score),
          status: row.status,
          breakdown: row.breakdown,
          answeredAt: row.answered_at,
          declineReason: row.decline_reason,
        },
        resident: {
          id: row.resident_id,
          name: row.name,
          country: row.country,
          regionCode: row.region_code,
          headcount: row.headcount,
          emails: row.emails,
        },
      }));
  }

  /** Tasks the staff member may see (see {@link taskInScope}), newest first, with the dashboard's filters. */
  async listForStaff(staff: StaffScope, filter: StaffTaskFilter): Promise<StaffTaskListItem[]> {
    const rows: {
      id: string;
      title: string;
      status: TaskStatus;
      enterprise_name: string;
      region_code: string;
      capabilities: string[];
      matches: number;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id, t.title, t.status, e.name AS enterprise_name, t.region_code, t.created_at,
              ARRAY(SELECT tr.capability_code FROM task_requirements tr WHERE tr.task_id = t.id ORDER BY tr.position) AS capabilities,
              (SELECT count(*)::int FROM matches m JOIN residents r ON r.id = m.resident_id
                WHERE m.task_id = t.id AND ${residentInScope('r', 1, 2)}) AS matches
       FROM tasks t JOIN enterprises e ON e.id = t.enterprise_id
       WHERE ${taskInScope('t', 1, 2)}
         AND ($3::text IS NULL OR t.status = $3)
         AND ($4::text IS NULL OR e.name ILIKE '%' || $4 || '%')
         AND ($5::text IS NULL OR t.region_code = $5)
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM task_requirements tr WHERE tr.task_id = t.id
               AND tr.capability_code LIKE $6 || '%'))
       ORDER BY t.created_at DESC, t.id DESC LIMIT $7`,
      [
        staff.userId,
        staff.role,
        filter.status ?? null,
        filter.enterprise ?? null,
        filter.region ?? null,
        // Taxonomy codes nest by prefix (25 → 25.6 → 25.62 → 25.62.cnc-turning); LIKE's wildcards are escaped.
        filter.capability?.replace(/[\\%_]/g, (character) => `\\${character}`) ?? null,
        filter.limit,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      enterpriseName: row.enterprise_name,
      regionCode: row.region_code,
      capabilities: row.capabilities,
      matches: row.matches,
      createdAt: row.created_at,
    }));
  }

  /** One task with its ranked matches in the staff member's technoparks, or null when out of scope. */
  async findForStaff(taskId: string, staff: StaffScope): Promise<StaffTaskView | null> {
    const [visible]: { enterprise_name: string }[] = await this.dataSource.query(
      `SELECT e.name AS enterprise_name FROM tasks t JOIN enterprises e ON e.id = t.enterprise_id
       WHERE t.id = $3 AND ${taskInScope('t', 1, 2)}`,
      [staff.userId, staff.role, taskId],
    );
    const task = visible
      ? await this.dataSource.getRepository(Task).findOne({ where: { id: taskId }, relations: { requirements: true } })
      : null;
    if (!visible || !task) {
      return null;
    }
    task.requirements.sort((a, b) => a.position - b.position);
    const rows: {
      id: string;
      rank: number;
      score: string;
      status: MatchStatus;
      breakdown: MatchBreakdown;
      decline_reason: DeclineReason | null;
      decline_comment: string | null;
      answered_at: Date | null;
      resident_id: string;
      resident_name: string;
      region_code: string;
      technopark_name: string;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.rank, m.score::text AS score, m.status, m.breakdown, m.decline_reason, m.decline_comment,
              m.answered_at, r.id AS resident_id, r.name AS resident_name, r.region_code, p.name AS technopark_name
       FROM matches m JOIN residents r ON r.id = m.resident_id JOIN technoparks p ON p.id = r.technopark_id
       WHERE m.task_id = $3 AND ${residentInScope('r', 1, 2)}
       ORDER BY m.rank, m.id`,
      [staff.userId, staff.role, taskId],
    );
    return {
      task,
      enterpriseName: visible.enterprise_name,
      matchingSummary: task.matchingSummary,
      matches: rows.map((row) => ({
        id: row.id,
        rank: row.rank,
        score: Number(row.score),
        status: row.status,
        breakdown: row.breakdown,
        declineReason: row.decline_reason,
        declineComment: row.decline_comment,
        answeredAt: row.answered_at,
        resident: {
          id: row.resident_id,
          name: row.resident_name,
          regionCode: row.region_code,
          technoparkName: row.technopark_name,
        },
      })),
    };
  }

  /** The enterprise's own tasks, newest first, optionally of some statuses only. */
  async list(enterpriseId: string, filter: { status?: TaskStatus[] }, page: PageRequest): Promise<Page<Task>> {
    const params: unknown[] = [enterpriseId, page.limit + 1];
    const where = ['enterprise_id = $1'];
    if (filter.status?.length) {
      params.push(filter.status);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      params.push(createdAt, id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    // The cursor keeps created_at to the microsecond; a JS Date would round it to milliseconds and skip rows.
    const rows: { id: string; created_at: string }[] = await this.dataSource.query(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
       FROM tasks WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const shown = rows.slice(0, page.limit);
    const tasks = shown.length
      ? await this.dataSource.getRepository(Task).find({
          where: shown.map((row) => ({ id: row.id, enterpriseId })),
          relations: { requirements: true },
        })
      : [];
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const last = shown[shown.length - 1];
    return {
      items: shown.map((row) => byId.get(row.id)).filter((task): task is Task => task !== undefined),
      nextCursor: rows.length > page.limit ? encodeCursor([last.created_at, last.id]) : null,
    };
  }

  /**
   * Edits a live task of the enterprise: bumps its version and schedules re-matching in the same
   * transaction (the matching job carries the version, so a job for an older version does nothing).
   * Returns null when the task is not the enterprise's.
   */
  async update(enterpriseId: string, taskId: string, input: UpdateTaskInput): Promise<Task | null> {
    if (input.region !== undefined || input.requirements !== undefined) {
      await this.validateReferences({ region: input.region, requirements: input.requirements ?? [] });
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const task = await manager
        .getRepository(Task)
        .findOne({ where: { id: taskId, enterpriseId }, lock: { mode: 'pessimistic_write' } });
      if (!task) {
        return null;
      }
      this.assertLive(task, 'edited');
      const before = snapshot(task);
      const changes: Partial<Task> = { version: task.version + 1, status: 'open' };
      if (input.title !== undefined) {
        changes.title = input.title.trim();
      }
      if (input.description !== undefined) {
        changes.description = input.description.trim();
      }
      if (input.substitutes !== undefined) {
        changes.substituteName = input.substitutes.name.trim();
        changes.substituteTnVed = input.substitutes.tnVed ?? null;
        changes.substituteManufacturer = input.substitutes.manufacturer?.trim() ?? null;
        changes.substitutePartNumber = input.substitutes.partNumber?.trim() ?? null;
      }
      if (input.region !== undefined) {
        changes.regionCode = input.region;
      }
      if (input.countries !== undefined) {
        changes.countries = [...new Set(input.countries)].sort();
      }
      if (input.maxDistanceKm !== undefined) {
        changes.maxDistanceKm = input.maxDistanceKm;
      }
      if (input.certifications !== undefined) {
        changes.certifications = normalizeCertifications(input.certifications);
      }
      if (input.quantity !== undefined) {
        changes.quantity = input.quantity;
      }
      if (input.budget !== undefined) {
        changes.budgetAmount = input.budget.amount;
        changes.budgetCurrency = input.budget.currency;
      }
      if (input.matching !== undefined) {
        changes.matchingOptions = input.matching;
      }
      if (input.deadline !== undefined) {
        changes.deadline = input.deadline;
      }
      await manager.update(Task, { id: task.id, enterpriseId }, changes);
      if (input.requirements !== undefined) {
        await manager.delete(TaskRequirement, { taskId: task.id });
        await manager.getRepository(TaskRequirement).save(
          input.requirements.map((requirement, position) => ({
            taskId: task.id,
            capabilityCode: requirement.capability,
            weight: requirement.weight,
            required: requirement.required,
            position,
          })),
        );
      }
      await this.rematch.scheduleTask(manager, task.id, task.version + 1);
      await this.audit.record(
        manager,
        { type: 'enterprise', id: enterpriseId },
        'task.update',
        'task',
        task.id,
        before,
        { ...before, ...input, version: task.version + 1 },
      );
      return task.id;
    });
    return updated ? this.findOne(enterpriseId, updated) : null;
  }

  /** Closes (done) or cancels a live task of the enterprise; null when the task is not theirs. */
  async finish(enterpriseId: string, taskId: string, status: 'closed' | 'cancelled'): Promise<Task | null> {
    const done = await this.dataSource.transaction(async (manager) => {
      const task = await manager
        .getRepository(Task)
        .findOne({ where: { id: taskId, enterpriseId }, lock: { mode: 'pessimistic_write' } });
      if (!task) {
        return null;
      }
      if (task.status === status) {
        return task.id;
      }
      this.assertLive(task, status);
      await manager.update(Task, { id: task.id, enterpriseId }, { status });
      await this.audit.record(
        manager,
        { type: 'enterprise', id: enterpriseId },
        status === 'closed' ? 'task.close' : 'task.cancel',
        'task',
        task.id,
        { status: task.status },
        { status },
      );
      return task.id;
    });
    return done ? this.findOne(enterpriseId, done) : null;
  }

  private assertLive(task: Task, action: string): void {
    if (!LIVE_TASK_STATUSES.includes(task.status)) {
      throw new DomainConflictError(`the task is ${task.status} and can no longer be ${action}`);
    }
  }

  private async validateReferences(
    input: Pick<UpdateTaskInput, 'region'> & Pick<CreateTaskInput, 'requirements'>,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (input.region !== undefined && !(await this.regions.get(input.region))) {
      errors.push({ path: 'region', message: `unknown region code ${input.region}` });
    }
    const seen = new Set<string>();
    for (const [index, requirement] of input.requirements.entries()) {
      const path = `requirements[${index}].capability`;
      if (seen.has(requirement.capability)) {
        errors.push({ path, message: `capability ${requirement.capability} is listed twice` });
      } else if (!(await this.capabilities.get(requirement.capability))) {
        const suggestions = await this.capabilities.suggest(requirement.capability);
        errors.push({
          path,
          message: `unknown capability code ${requirement.capability}; closest known codes: ${suggestions.join(', ')}`,
        });
      }
      seen.add(requirement.capability);
    }
    if (errors.length > 0) {
      throw new DomainValidationError(errors);
    }
  }

  private findByIdempotencyKey(manager: EntityManager, enterpriseId: string, idempotencyKey: string) {
    return manager.getRepository(Task).findOne({
      where: { enterpriseId, idempotencyKey },
      relations: { requirements: true },
      order: { requirements: { position: 'ASC' } },
    });
  }

  private replay(earlier: Task, requestHash: string | null): CreatedTask {
    if (earlier.requestHash !== requestHash) {
      throw new DomainConflictError('this Idempotency-Key was already used with a different request body', 422);
    }
    return { task: earlier, replayed: true };
  }
}

/** A new task as it will be stored, with an id chosen here and its requirements in the order given. */
function newTask(
  enterpriseId: string,
  input: CreateTaskInput,
  idempotencyKey: string | null,
  requestHash: string | null,
): Task {
  const id = randomUUID();
  return Object.assign(new Task(), {
    id,
    enterpriseId,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    substituteName: input.substitutes.name.trim(),
    substituteTnVed: input.substitutes.tnVed ?? null,
    substituteManufacturer: input.substitutes.manufacturer?.trim() ?? null,
    substitutePartNumber: input.substitutes.partNumber?.trim() ?? null,
    regionCode: input.region,
    countries: [...new Set(input.countries ?? DEFAULT_TASK_COUNTRIES)].sort(),
    maxDistanceKm: input.maxDistanceKm ?? null,
    matchingOptions: input.matching ?? null,
    matchingSummary: null,
    matchedAt: null,
    matchedVersion: null,
    certifications: normalizeCertifications(input.certifications ?? []),
    quantity: input.quantity ?? null,
    budgetAmount: input.budget?.amount ?? null,
    budgetCurrency: input.budget?.currency ?? null,
    deadline: input.deadline ?? null,
    idempotencyKey,
    requestHash,
    requirements: input.requirements.map((requirement, position) =>
      Object.assign(new TaskRequirement(), {
        taskId: id,
        capabilityCode: requirement.capability,
        weight: requirement.weight,
        required: requirement.required,
        position,
      }),
    ),
  });
}

function snapshot(task: Task): Record<string, unknown> {
  return {
    title: task.title,
    region: task.regionCode,
    countries: task.countries,
    maxDistanceKm: task.maxDistanceKm,
    certifications: task.certifications,
    quantity: task.quantity,
    budget: task.budgetAmount === null ? null : { amount: task.budgetAmount, currency: task.budgetCurrency },
    deadline: task.deadline,
    status: task.status,
    version: task.version,
  };
}

function hashRequest(input: CreateTaskInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** JSON with object keys sorted, so that key order does not change the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
