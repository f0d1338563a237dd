import { Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { USER_ROLES, UsersService, type Actor, type User } from '@app/domain';
import { Auth, CurrentActor } from '../auth/auth.guard';
import { idParam, isoDateTime, pageQuery, pageSchema } from '../common/schemas';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';

const createSchema = z
  .strictObject({
    email: z.email().max(320),
    password: z.string().min(10).max(1024),
    role: z.enum(USER_ROLES),
    technoparkIds: z.array(z.uuid()).max(100).optional(),
  })
  .refine((body) => body.role === 'coordinator' || !body.technoparkIds?.length, {
    error: 'only coordinators are scoped to technoparks',
    path: ['technoparkIds'],
  });
const updateSchema = z
  .strictObject({
    role: z.enum(USER_ROLES),
    active: z.boolean(),
    technoparkIds: z.array(z.uuid()).max(100),
    password: z.string().min(10).max(1024),
    unlock: z.literal(true),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' });
const listQuery = z.strictObject(pageQuery);

const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(USER_ROLES),
  active: z.boolean(),
  technoparkIds: z.array(z.uuid()),
  lockedUntil: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

const present = (user: User, technoparkIds: string[]) => ({
  id: user.id,
  email: user.email,
  role: user.role,
  active: user.active,
  technoparkIds,
  lockedUntil: user.lockedUntil,
  createdAt: user.createdAt,
});

/** Dashboard users (admin only). */
@Controller('api/v1/users')
@Auth('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiRoute({
    tag: 'Users',
    summary: 'Create an admin or a coordinator',
    status: 201,
    body: createSchema,
    example: {
      email: 'coordinator@technopark.by',
      password: 'correct horse battery',
      role: 'coordinator',
      technoparkIds: ['3f1c2a9e-6b1d-4c55-9a7e-2f0d8e4b7c11'],
    },
    response: userSchema,
    errors: [400, 409],
  })
  async create(@ValidBody() body: z.output<typeof createSchema>, @CurrentActor() actor: Actor) {
    return present(await this.users.create(body, actor), body.technoparkIds ?? []);
  }

  @Get()
  @ApiRoute({
    tag: 'Users',
    summary: 'List users',
    query: listQuery,
    queryExample: { limit: '20' },
    response: pageSchema(userSchema),
    errors: [400],
  })
  async list(@ValidQuery() query: z.output<typeof listQuery>) {
    const page = await this.users.list(query);
    return { items: page.items.map((user) => present(user, user.technoparkIds)), nextCursor: page.nextCursor };
  }

  @Patch(':id')
  @ApiRoute({
    tag: 'Users',
    summary: 'Change a user: role, technoparks, active flag, password, lockout',
    description:
      'Deactivating a user or setting a new password ends their sessions at once; `unlock` clears a lockout ' +
      'after failed logins. An admin has no technoparks.',
    body: updateSchema,
    example: { active: false },
    response: userSchema,
    errors: [400, 404],
  })
  async update(
    @Param('id', idParam('user')) id: string,
    @ValidBody() body: z.output<typeof updateSchema>,
    @CurrentActor() actor: Actor,
  ) {
    const user = await this.users.update(id, body, actor);
    if (!user) {
      throw new NotFoundException('user not found');
    }
    return present(user, user.technoparkIds);
  }
}
