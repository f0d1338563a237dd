import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Jobs } from '@app/queue';
import { AuditService } from '../audit/audit.service';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { DomainConflictError, DomainValidationError, type FieldError } from '../common/domain-errors';
import { normalizeCertifications } from '../common/normalize';
import { Match } from '../matches/match.entity';
import { TaskRematchScheduler } from '../matches/rematch-schedulers';
import { OutboxService } from '../outbox/outbox.service';
import { RegionsService } from '../regions/regions.service';
import { Resident } from '../residents/resident.entity';
import { TaskRequirement } from './task-requirement.entity';
import { Task, type Currency, type TaskMatchingOptions, type TaskStatus } from './task.entity';
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
  match: Match;
  resident: Pick<Resident, 'id' | 'name' | 'country' | 'regionCode' | 'headcount'> & { emails: string[] | null };
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
  ) {}

  /**
   * Creates the task and schedules its matching in one transaction. With an idempotency key,
   * a retried request returns the first task; the same key with another body is a 422.
   */
  async create(enterpriseId: string, input: CreateTaskInput, idempotencyKey?: string): Promise<CreatedTask> {
    const requestHash = idempotencyKey ? hashRequest(input) : null;
    if (idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(this.dataSource.manager, enterpriseId, idempotencyKey);
      if (earlier) {
        return this.replay(earlier, requestHash);
      }
    }
    await this.validateReferences(input);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const task = await this.insert(manager, enterpriseId, input, idempotencyKey ?? null, requestHash);
        await this.outbox.enqueue(manager, [Jobs.matchTask(task.id, task.version)]);
        await this.audit.record(
          manager,
          { type: 'enterprise', id: enterpriseId },
          'task.create',
          'task',
          task.id,
          null,
          {
            title: task.title,
          },
        );
        return { task, replayed: false };
      });
    } catch (error) {
      // Two concurrent requests with one key: the loser returns the winner's task.
      if (idempotencyKey && isUniqueViolation(error)) {
        const earlier = await this.findByIdempotencyKey(this.dataSource.manager, enterpriseId, idempotencyKey);
        if (earlier) {
          return this.replay(earlier, requestHash);
        }
      }
      throw error;
    }
  }

  /** The enterprise's own task, or null (another enterprise's task is indistinguishable from a missing one). */
  async findOne(enterpriseId: string, taskId: string): Promise<Task | null> {
    return this.dataSource.getRepository(Task).findOne({
      where: { id: taskId, enterpriseId },
      relations: { requirements: true },
      order: { requirements: { position: 'ASC' } },
    });
  }

  /** Ranked live matches of the enterprise's own task, or null when the task is not theirs. */
  async listMatches(enterpriseId: string, taskId: string): Promise<EnterpriseMatchView[] | null> {
    const owned = await this.dataSource.getRepository(Task).exists({ where: { id: taskId, enterpriseId } });
    if (!owned) {
      return null;
    }
    const rows = (await this.dataSource
      .getRepository(Match)
      .createQueryBuilder('match')
      .innerJoinAndMapOne('match.resident', Resident, 'resident', 'resident.id = match.residentId')
      .innerJoin(Task, 'task', 'task.id = match.taskId AND task.enterpriseId = :enterpriseId', { enterpriseId })
      .where('match.taskId = :taskId', { taskId })
      .andWhere(`match.status NOT IN ('withdrawn', 'rejected')`)
      .orderBy('match.rank', 'ASC')
      .getMany()) as (Match & { resident: Resident })[];
    return rows.map(({ resident, ...match }) => ({
      match,
      resident: {
        id: resident.id,
        name: resident.name,
        country: resident.country,
        regionCode: resident.regionCode,
        headcount: resident.headcount,
        emails: match.status === 'interested' ? resident.emails : null,
      },
    }));
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

  private async insert(
    manager: EntityManager,
    enterpriseId: string,
    input: CreateTaskInput,
    idempotencyKey: string | null,
    requestHash: string | null,
  ): Promise<Task> {
    const repository = manager.getRepository(Task);
    const task = await repository.save(
      repository.create({
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
        certifications: normalizeCertifications(input.certifications ?? []),
        quantity: input.quantity ?? null,
        budgetAmount: input.budget?.amount ?? null,
        budgetCurrency: input.budget?.currency ?? null,
        deadline: input.deadline ?? null,
        idempotencyKey,
        requestHash,
      }),
    );
    task.requirements = await manager.getRepository(TaskRequirement).save(
      input.requirements.map((requirement, position) => ({
        taskId: task.id,
        capabilityCode: requirement.capability,
        weight: requirement.weight,
        required: requirement.required,
        position,
      })),
    );
    return task;
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

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
