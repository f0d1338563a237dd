import { hash } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { DomainConflictError, DomainValidationError } from '../common/domain-errors';
import { decodeIdCursor, pageById, type Page, type PageRequest } from '../common/page';
import { User, type UserRole } from './user.entity';

export interface CreateUserInput {
  email: string;
  password: string;
  role: UserRole;
  technoparkIds?: string[];
}

/** A user's change; a new password ends every session of the user (tokens are signed over the hash). */
export interface UpdateUserInput {
  role?: UserRole;
  active?: boolean;
  technoparkIds?: string[];
  password?: string;
  /** Clears the lockout after failed logins. */
  unlock?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Creates a dashboard user with an argon2id password hash. */
  async create(input: CreateUserInput, actor: Actor): Promise<User> {
    if (input.password.length < 10) {
      throw new DomainValidationError([{ path: 'password', message: 'must be at least 10 characters' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const email = input.email.trim().toLowerCase();
      if (await repository.exists({ where: { email } })) {
        throw new DomainConflictError(`a user with email ${email} already exists`);
      }
      const user = await repository.save(
        repository.create({ email, role: input.role, passwordHash: await hash(input.password) }),
      );
      if (input.technoparkIds?.length) {
        await this.assertTechnoparksExist(manager, input.technoparkIds);
        await manager.query(`INSERT INTO user_technoparks (user_id, technopark_id) SELECT $1, unnest($2::uuid[])`, [
          user.id,
          input.technoparkIds,
        ]);
      }
      await this.audit.record(manager, actor, 'user.create', 'user', user.id, null, {
        email,
        role: user.role,
        technoparkIds: input.technoparkIds ?? [],
      });
      return user;
    });
  }

  /** Changes a user; null when there is no such user. */
  async update(id: string, input: UpdateUserInput, actor: Actor): Promise<(User & { technoparkIds: string[] }) | null> {
    if (input.password !== undefined && input.password.length < 10) {
      throw new DomainValidationError([{ path: 'password', message: 'must be at least 10 characters' }]);
    }
    const passwordHash = input.password === undefined ? undefined : await hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) {
        return null;
      }
      const technoparksBefore = await this.technoparkIds(manager, id);
      const changes: Partial<User> = {};
      if (input.role !== undefined) {
        changes.role = input.role;
      }
      if (input.active !== undefined) {
        changes.active = input.active;
      }
      if (passwordHash !== undefined) {
        changes.passwordHash = passwordHash;
      }
      if (input.unlock) {
        changes.failedLogins = 0;
        changes.lockedUntil = null;
      }
      if (Object.keys(changes).length > 0) {
        await repository.update({ id }, changes);
      }
      const role = input.role ?? before.role;
      const technoparkIds = role === 'admin' ? [] : [...new Set(input.technoparkIds ?? technoparksBefore)].sort();
      if (technoparkIds.join() !== technoparksBefore.join()) {
        await this.assertTechnoparksExist(manager, technoparkIds);
        await manager.query(`DELETE FROM user_technoparks WHERE user_id = $1`, [id]);
        await manager.query(`INSERT INTO user_technoparks (user_id, technopark_id) SELECT $1, unnest($2::uuid[])`, [
          id,
          technoparkIds,
        ]);
      }
      const after = await repository.findOneByOrFail({ id });
      await this.audit.record(
        manager,
        actor,
        'user.update',
        'user',
        id,
        { role: before.role, active: before.active, technoparkIds: technoparksBefore },
        {
          role: after.role,
          active: after.active,
          technoparkIds,
          ...(passwordHash ? { passwordChanged: true } : {}),
          ...(input.unlock ? { unlocked: true } : {}),
        },
      );
      return Object.assign(after, { technoparkIds });
    });
  }

  private async technoparkIds(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { technopark_id: string }[] = await manager.query(
      `SELECT technopark_id FROM user_technoparks WHERE user_id = $1 ORDER BY technopark_id`,
      [userId],
    );
    return rows.map((row) => row.technopark_id);
  }

  private async assertTechnoparksExist(manager: EntityManager, ids: readonly string[]): Promise<void> {
    const [{ known }]: { known: number }[] = await manager.query(
      `SELECT count(*)::int AS known FROM technoparks WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (known !== new Set(ids).size) {
      throw new DomainValidationError([{ path: 'technoparkIds', message: 'lists a technopark that does not exist' }]);
    }
  }

  /** Users with the ids of their technoparks. */
  async list(page: PageRequest): Promise<Page<User & { technoparkIds: string[] }>> {
    const after = decodeIdCursor(page.cursor);
    const query = this.dataSource.getRepository(User).createQueryBuilder('user').orderBy('user.id');
    if (after) {
      query.where('user.id > :after', { after });
    }
    const { items, nextCursor } = pageById(await query.limit(page.limit + 1).getMany(), page.limit);
    const links: { user_id: string; technopark_id: string }[] = items.length
      ? await this.dataSource.query(
          `SELECT user_id, technopark_id FROM user_technoparks WHERE user_id = ANY($1::uuid[]) ORDER BY technopark_id`,
          [items.map((user) => user.id)],
        )
      : [];
    return {
      items: items.map((user) =>
        Object.assign(user, {
          technoparkIds: links.filter((link) => link.user_id === user.id).map((link) => link.technopark_id),
        }),
      ),
      nextCursor,
    };
  }
}
