import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { DomainConflictError, DomainValidationError } from '../common/domain-errors';
import { decodeIdCursor, pageById, type Page, type PageRequest } from '../common/page';
import { RegionsService } from '../regions/regions.service';
import { Technopark } from './technopark.entity';

export interface CreateTechnoparkInput {
  name: string;
  regionCode: string;
  reviewMatches?: boolean;
}

export type UpdateTechnoparkInput = Partial<CreateTechnoparkInput>;

/** Technoparks a caller may see: all of them (null) or the listed ids (a coordinator's). */
export type TechnoparkScope = string[] | null;

@Injectable()
export class TechnoparksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
  ) {}

  async create(input: CreateTechnoparkInput, actor: Actor): Promise<Technopark> {
    await this.validateRegion(input.regionCode);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Technopark);
      const technopark = await repository
        .save(
          repository.create({
            name: input.name.trim(),
            regionCode: input.regionCode,
            reviewMatches: input.reviewMatches ?? false,
          }),
        )
        .catch(rethrowDuplicateName(input.name));
      await this.audit.record(manager, actor, 'technopark.create', 'technopark', technopark.id, null, {
        ...technopark,
      });
      return technopark;
    });
  }

  async list(scope: TechnoparkScope, page: PageRequest): Promise<Page<Technopark>> {
    const query = this.dataSource.getRepository(Technopark).createQueryBuilder('park').orderBy('park.id', 'ASC');
    const after = decodeIdCursor(page.cursor);
    if (after) {
      query.andWhere('park.id > :after', { after });
    }
    if (scope) {
      query.andWhere('park.id = ANY(:scope)', { scope });
    }
    return pageById(await query.limit(page.limit + 1).getMany(), page.limit);
  }

  /** The technopark, or null when it does not exist or lies outside the caller's scope. */
  async get(id: string, scope: TechnoparkScope): Promise<Technopark | null> {
    if (scope && !scope.includes(id)) {
      return null;
    }
    return this.dataSource.getRepository(Technopark).findOne({ where: { id } });
  }

  async update(
    id: string,
    input: UpdateTechnoparkInput,
    scope: TechnoparkScope,
    actor: Actor,
  ): Promise<Technopark | null> {
    if (scope && !scope.includes(id)) {
      return null;
    }
    if (input.regionCode !== undefined) {
      await this.validateRegion(input.regionCode);
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Technopark);
      const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) {
        return null;
      }
      const changes: Partial<Technopark> = {};
      if (input.name !== undefined) {
        changes.name = input.name.trim();
      }
      if (input.regionCode !== undefined) {
        changes.regionCode = input.regionCode;
      }
      if (input.reviewMatches !== undefined) {
        changes.reviewMatches = input.reviewMatches;
      }
      if (Object.keys(changes).length > 0) {
        await repository.update({ id }, changes).catch(rethrowDuplicateName(input.name ?? ''));
      }
      const after = await repository.findOneOrFail({ where: { id } });
      await this.audit.record(manager, actor, 'technopark.update', 'technopark', id, { ...before }, { ...after });
      return after;
    });
  }

  private async validateRegion(code: string): Promise<void> {
    if (!(await this.regions.get(code))) {
      throw new DomainValidationError([{ path: 'region', message: `unknown region code ${code}` }]);
    }
  }
}

function rethrowDuplicateName(name: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') {
      throw new DomainConflictError(`a technopark named "${name.trim()}" already exists`);
    }
    throw error;
  };
}
