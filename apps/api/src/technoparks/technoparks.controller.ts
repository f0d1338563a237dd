import { Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { technoparkScope, TechnoparksService, type Actor, type Technopark, type UserPrincipal } from '@app/domain';
import { Auth, CurrentActor, CurrentUser, Roles } from '../auth/auth.guard';
import { idParam, isoDateTime, pageQuery, pageSchema, text } from '../common/schemas';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';

const regionCode = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { error: 'must be an ISO 3166-2 region code' });
const createSchema = z.strictObject({ name: text(300), region: regionCode, reviewMatches: z.boolean().optional() });
const updateSchema = createSchema
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' });
const listQuery = z.strictObject(pageQuery);

const technoparkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  region: z.string(),
  reviewMatches: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const present = (park: Technopark) => ({
  id: park.id,
  name: park.name,
  region: park.regionCode,
  reviewMatches: park.reviewMatches,
  createdAt: park.createdAt,
  updatedAt: park.updatedAt,
});

const parkId = idParam('technopark');
const TAG = 'Technoparks';

@Controller('api/v1/technoparks')
@Auth('admin', 'coordinator')
export class TechnoparksController {
  constructor(private readonly technoparks: TechnoparksService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiRoute({
    tag: TAG,
    summary: 'Create a technopark (admin)',
    status: 201,
    body: createSchema,
    example: { name: 'Minsk Technopark', region: 'BY-HM', reviewMatches: true },
    response: technoparkSchema,
    errors: [400, 409],
  })
  async create(@ValidBody() body: z.output<typeof createSchema>, @CurrentActor() actor: Actor) {
    return present(await this.technoparks.create({ ...body, regionCode: body.region }, actor));
  }

  @Get()
  @ApiRoute({
    tag: TAG,
    summary: 'List technoparks (a coordinator sees theirs)',
    query: listQuery,
    queryExample: { limit: '50' },
    response: pageSchema(technoparkSchema),
    errors: [400],
  })
  async list(@CurrentUser() user: UserPrincipal, @ValidQuery() query: z.output<typeof listQuery>) {
    const page = await this.technoparks.list(technoparkScope(user), query);
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiRoute({ tag: TAG, summary: 'Read a technopark', response: technoparkSchema, errors: [404] })
  async findOne(@CurrentUser() user: UserPrincipal, @Param('id', parkId) id: string) {
    return present(found(await this.technoparks.get(id, technoparkScope(user))));
  }

  @Patch(':id')
  @ApiRoute({
    tag: TAG,
    summary: 'Change a technopark',
    description: 'Admins change any field; a coordinator only `reviewMatches` of their own technoparks.',
    body: updateSchema,
    example: { reviewMatches: false },
    response: technoparkSchema,
    errors: [400, 404, 409],
  })
  async update(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', parkId) id: string,
    @ValidBody() body: z.output<typeof updateSchema>,
  ) {
    if (user.role !== 'admin' && (body.name !== undefined || body.region !== undefined)) {
      throw new ForbiddenException('coordinators may change only reviewMatches');
    }
    const { region, ...rest } = body;
    return present(
      found(await this.technoparks.update(id, { ...rest, regionCode: region }, technoparkScope(user), actor)),
    );
  }
}

function found<T>(value: T | null): T {
  if (value === null) {
    throw new NotFoundException('technopark not found');
  }
  return value;
}
