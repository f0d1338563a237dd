import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { DomainConflictError, DomainValidationError, type FieldError } from '../common/domain-errors';
import { normalizeCertifications } from '../common/normalize';
import { ResidentRematchScheduler } from '../matches/rematch-schedulers';
import { decodeIdCursor, pageById, type Page, type PageRequest } from '../common/page';
import { RegionsService } from '../regions/regions.service';
import type { Region } from '../regions/region.entity';
import { normalizeLegalId, validateLegalId } from './legal-id';
import { Resident, type Language, type NotificationMode } from './resident.entity';

export interface CreateResidentInput {
  technoparkId: string;
  name: string;
  regionCode: string;
  legalId: string;
  headcount: number;
  capabilities: string[];
  certifications?: string[];
  emails: string[];
  language?: Language;
  notificationMode?: NotificationMode;
}

/** Any field of a resident but its technopark; `capabilities`, `emails`, `certifications` replace the old lists. */
export type UpdateResidentInput = Partial<Omit<CreateResidentInput, 'technoparkId'>> & { active?: boolean };

export interface ResidentFilter {
  technoparkId?: string;
  regionCode?: string;
  /** Holds this code or a descendant of it. */
  capability?: string;
  /** Part of the name, or the exact legal id. */
  text?: string;
  active?: boolean;
  /** Created by this CSV import. */
  importId?: string;
}

/** One match of a resident, as its page lists it. */
export interface ResidentMatchEntry {
  id: string;
  taskId: string;
  taskTitle: string;
  score: number;
  status: string;
  declineReason: string | null;
  declineComment: string | null;
  createdAt: Date;
}

/** One email to a resident, as its page lists it. */
export interface ResidentNotificationEntry {
  id: string;
  kind: string;
  subject: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export interface ResidentHistory {
  matches: ResidentMatchEntry[];
  notifications: ResidentNotificationEntry[];
}

/** The errors of one input of a batch, by its index in the batch. */
export interface ResidentBatchProblem {
  index: number;
  errors: FieldError[];
}

/** How often (in inputs) {@link ResidentsService.validateMany} reports its progress. */
const PROGRESS_EVERY = 100;

/** Technoparks whose residents a caller may see: all (null) or the listed ids. */
type Scope = string[] | null;

@Injectable()
export class ResidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capabilities: CapabilitiesService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly rematch: ResidentRematchScheduler,
  ) {}

  /** Validates and creates one resident (the country comes from its region). */
  async create(input: CreateResidentInput, actor: Actor): Promise<Resident> {
    return this.dataSource.transaction((manager) => this.createWith(manager, input, actor));
  }

  /** Creates many residents in one transaction: all or nothing. */
  async createMany(inputs: readonly CreateResidentInput[], actor: Actor): Promise<Resident[]> {
    return this.dataSource.transaction(async (manager) => {
      const created: Resident[] = [];
      for (const input of inputs) {
        created.push(await this.createWith(manager, input, actor));
      }
      return created;
    });
  }

  /**
   * Checks residents exactly as {@link createMany} would create them, in one transaction that is
   * rolled back: the errors of each refused input by its index (an empty list when all would pass).
   * Inputs are applied in order, so a legal id repeated within the batch is refused too.
   */
  async validateMany(
    inputs: readonly CreateResidentInput[],
    actor: Actor,
    onProgress?: (done: number) => Promise<void>,
  ): Promise<ResidentBatchProblem[]> {
    const problems: ResidentBatchProblem[] = [];
    const rollback = new Error('dry run');
    await this.dataSource
      .transaction(async (manager) => {
        for (const [index, input] of inputs.entries()) {
          await manager.query('SAVEPOINT resident_dry_run');
          try {
            await this.createWith(manager, input, actor);
            await manager.query('RELEASE SAVEPOINT resident_dry_run');
          } catch (error) {
            await manager.query('ROLLBACK TO SAVEPOINT resident_dry_run');
            if (error instanceof DomainValidationError) {
              problems.push({ index, errors: error.errors });
            } else if (error instanceof DomainConflictError) {
              problems.push({ index, errors: [{ path: 'legalId', message: error.message }] });
            } else {
              throw error;
            }
          }
          if (onProgress && ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === inputs.length)) {
            await onProgress(index + 1);
          }
        }
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) {
          throw error;
        }
      });
    return problems;
  }

  /**
   * Validates and creates one resident inside the caller's transaction, under the same rules as
   * {@link create}; `importId` records the CSV import that created it.
   */
  async createIn(
    manager: EntityManager,
    input: CreateResidentInput,
    actor: Actor,
    importId: string | null = null,
  ): Promise<Resident> {
    return this.createWith(manager, input, actor, importId);
  }

  /** Activates or deactivates a resident; inactive residents are never matched nor emailed. */
  async setActive(residentId: string, active: boolean, actor: Actor, scope: Scope = null): Promise<Resident | null> {
    return this.dataSource.transaction(async (manager) => {
      const resident = await this.lockInScope(manager, residentId, scope);
      if (!resident) {
        return null;
      }
      await manager.update(Resident, { id: residentId }, { active });
      // Either way the resident's tasks are re-ranked: joining them, or withdrawing unanswered matches.
      if (active !== resident.active) {
        await this.rematch.scheduleResident(manager, residentId);
      }
      await this.audit.record(
        manager,
        actor,
        active ? 'resident.activate' : 'resident.deactivate',
        'resident',
        residentId,
        { active: resident.active },
        { active },
      );
      return manager.getRepository(Resident).findOneByOrFail({ id: residentId });
    });
  }

  async list(filter: ResidentFilter, scope: Scope, page: PageRequest): Promise<Page<Resident>> {
    const query = this.dataSource.getRepository(Resident).createQueryBuilder('resident').orderBy('resident.id', 'ASC');
    const after = decodeIdCursor(page.cursor);
    if (after) {
      query.andWhere('resident.id > :after', { after });
    }
    if (scope) {
      query.andWhere('resident.technoparkId = ANY(:scope)', { scope });
    }
    if (filter.technoparkId) {
      query.andWhere('resident.technoparkId = :technoparkId', { technoparkId: filter.technoparkId });
    }
    if (filter.regionCode) {
      query.andWhere('resident.regionCode = :regionCode', { regionCode: filter.regionCode });
    }
    if (filter.capability) {
      query.andWhere('resident.capabilityClosure @> ARRAY[:capability]::text[]', { capability: filter.capability });
    }
    if (filter.active !== undefined) {
      query.andWhere('resident.active = :active', { active: filter.active });
    }
    if (filter.importId) {
      query.andWhere('resident.importId = :importId', { importId: filter.importId });
    }
    if (filter.text) {
      query.andWhere(`(resident.name ILIKE :pattern ESCAPE '\\' OR resident.legalId = :legalId)`, {
        pattern: `%${filter.text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`,
        legalId: normalizeLegalId(filter.text),
      });
    }
    return pageById(await query.limit(page.limit + 1).getMany(), page.limit);
  }

  /** The resident, or null when it does not exist or its technopark lies outside the caller's scope. */
  async get(id: string, scope: Scope): Promise<Resident | null> {
    const resident = await this.dataSource.getRepository(Resident).findOne({ where: { id } });
    return resident && (!scope || scope.includes(resident.technoparkId)) ? resident : null;
  }

  /**
   * The resident's latest matches (with the task's title) and emails, newest first, or null when the
   * resident does not exist or lies outside the caller's scope (checked in the same query).
   */
  async history(id: string, scope: Scope, limit = 100): Promise<ResidentHistory | null> {
    const [resident] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM residents WHERE id = $1 AND ($2::uuid[] IS NULL OR technopark_id = ANY($2::uuid[]))`,
      [id, scope],
    );
    if (!resident) {
      return null;
    }
    const matches = await this.dataSource.query<ResidentMatchEntry[]>(
      `SELECT m.id, m.task_id AS "taskId", t.title AS "taskTitle", m.score::float8 AS score, m.status,
              m.decline_reason AS "declineReason", m.decline_comment AS "declineComment", m.created_at AS "createdAt"
         FROM matches m JOIN tasks t ON t.id = m.task_id
        WHERE m.resident_id = $1 ORDER BY m.created_at DESC, m.id LIMIT $2`,
      [id, limit],
    );
    const notifications = await this.dataSource.query<ResidentNotificationEntry[]>(
      `SELECT id, kind, subject, status, attempts, last_error AS "lastError", sent_at AS "sentAt", created_at AS "createdAt"
         FROM notifications WHERE resident_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [id, limit],
    );
    return { matches, notifications };
  }

  async update(id: string, input: UpdateResidentInput, scope: Scope, actor: Actor): Promise<Resident | null> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockInScope(manager, id, scope);
      if (!before) {
        return null;
      }
      const region = await this.region(input.regionCode ?? before.regionCode);
      const changes: Partial<Resident> = {};
      const errors: FieldError[] = [];
      if (input.regionCode !== undefined) {
        changes.regionCode = region.code;
        changes.country = region.country;
      }
      if (input.legalId !== undefined || region.country !== before.country) {
        const legalId = normalizeLegalId(input.legalId ?? before.legalId);
        const error = validateLegalId(region.country, legalId);
        if (error) {
          errors.push({ path: 'legalId', message: error });
        }
        changes.legalId = legalId;
      }
      if (input.capabilities !== undefined) {
        errors.push(...(await this.capabilityErrors(input.capabilities)));
        changes.capabilities = [...new Set(input.capabilities)].sort();
        changes.capabilityClosure = await this.capabilities.closure(changes.capabilities);
      }
      if (errors.length > 0) {
        throw new DomainValidationError(errors);
      }
      if (input.name !== undefined) {
        changes.name = input.name.trim();
      }
      if (input.headcount !== undefined) {
        changes.headcount = input.headcount;
      }
      if (input.certifications !== undefined) {
        changes.certifications = normalizeCertifications(input.certifications);
      }
      if (input.emails !== undefined) {
        changes.emails = normalizeEmails(input.emails);
      }
      if (input.language !== undefined) {
        changes.language = input.language;
      }
      if (input.notificationMode !== undefined) {
        changes.notificationMode = input.notificationMode;
      }
      if (input.active !== undefined) {
        changes.active = input.active;
      }
      if (Object.keys(changes).length > 0) {
        await manager.update(Resident, { id }, changes).catch(rethrowDuplicateLegalId);
      }
      const after = await manager.getRepository(Resident).findOneByOrFail({ id });
      const rematch = ['capabilities', 'regionCode', 'certifications', 'active'] as const;
      if (
        (before.active || after.active) &&
        rematch.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      ) {
        await this.rematch.scheduleResident(manager, id);
      }
      await this.audit.record(manager, actor, 'resident.update', 'resident', id, auditView(before), auditView(after));
      return after;
    });
  }

  private async createWith(
    manager: EntityManager,
    input: CreateResidentInput,
    actor: Actor,
    importId: string | null = null,
  ): Promise<Resident> {
    const region = await this.region(input.regionCode);
    const legalId = normalizeLegalId(input.legalId);
    const errors: FieldError[] = [];
    const legalIdError = validateLegalId(region.country, legalId);
    if (legalIdError) {
      errors.push({ path: 'legalId', message: legalIdError });
    }
    errors.push(...(await this.capabilityErrors(input.capabilities)));
    const technoparkExists: { exists: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM technoparks WHERE id = $1) AS exists`,
      [input.technoparkId],
    );
    if (!technoparkExists[0].exists) {
      errors.push({ path: 'technoparkId', message: `unknown technopark ${input.technoparkId}` });
    }
    if (errors.length > 0) {
      throw new DomainValidationError(errors);
    }
    const capabilities = [...new Set(input.capabilities)].sort();
    const repository = manager.getRepository(Resident);
    const resident = await repository
      .save(
        repository.create({
          technoparkId: input.technoparkId,
          name: input.name.trim(),
          country: region.country,
          regionCode: region.code,
          legalId,
          headcount: input.headcount,
          capabilities,
          capabilityClosure: await this.capabilities.closure(capabilities),
          certifications: normalizeCertifications(input.certifications ?? []),
          emails: normalizeEmails(input.emails),
          language: input.language ?? 'ru',
          notificationMode: input.notificationMode ?? 'instant',
          ...(importId ? { importId } : {}),
        }),
      )
      .catch(rethrowDuplicateLegalId);
    await this.audit.record(manager, actor, 'resident.create', 'resident', resident.id, null, auditView(resident));
    // An import's residents are matched by one job for the whole import (see ResidentImportsService.commit).
    if (importId === null) {
      await this.rematch.scheduleResident(manager, resident.id);
    }
    return resident;
  }

  private async region(code: string): Promise<Region> {
    const region = await this.regions.get(code);
    if (!region) {
      throw new DomainValidationError([{ path: 'region', message: `unknown region code ${code}` }]);
    }
    return region;
  }

  /** One error per unknown code, naming the closest known codes. */
  private async capabilityErrors(codes: readonly string[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [index, code] of codes.entries()) {
      if (!(await this.capabilities.get(code))) {
        const suggestions = await this.capabilities.suggest(code);
        errors.push({
          path: `capabilities[${index}]`,
          message: `unknown capability code ${code}; closest known codes: ${suggestions.join(', ')}`,
        });
      }
    }
    return errors;
  }

  private async lockInScope(manager: EntityManager, id: string, scope: Scope): Promise<Resident | null> {
    const resident = await manager
      .getRepository(Resident)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return resident && (!scope || scope.includes(resident.technoparkId)) ? resident : null;
  }
}

function normalizeEmails(emails: readonly string[]): string[] {
  return [...new Set(emails.map((email) => email.trim().toLowerCase()))];
}

function auditView(resident: Resident): Record<string, unknown> {
  const { capabilityClosure: _closure, createdAt: _created, updatedAt: _updated, ...view } = resident;
  return view;
}

function rethrowDuplicateLegalId(error: unknown): never {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'residents_country_legal_id_key') {
    throw new DomainConflictError('a resident with this legal id already exists in this country');
  }
  throw error;
}
