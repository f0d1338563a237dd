import { hash } from '@node-rs/argon2';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { User, type UserRole } from './user.entity';

export interface CreateUserInput {
  email: string;
  password: string;
  role: UserRole;
  technoparkIds?: string[];
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
      throw new RangeError('password must be at least 10 characters');
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const email = input.email.trim().toLowerCase();
      if (await repository.exists({ where: { email } })) {
        throw new ConflictException(`a user with email ${email} already exists`);
      }
      const user = await repository.save(
        repository.create({ email, role: input.role, passwordHash: await hash(input.password) }),
      );
      if (input.technoparkIds?.length) {
        await manager.query(`INSERT INTO user_technoparks (user_id, technopark_id) SELECT $1, unnest($2::uuid[])`, [
          user.id,
          input.technoparkIds,
        ]);
      }
      await this.audit.record(manager, actor, 'user.create', 'user', user.id, null, { email, role: user.role });
      return user;
    });
  }
}
