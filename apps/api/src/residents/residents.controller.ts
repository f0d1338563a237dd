import { Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  LANGUAGES,
  NOTIFICATION_MODES,
  ResidentsService,
  technoparkScope,
  type Actor,
  type Resident,
  type UserPrincipal,
} from '@app/domain';
import { Auth, CurrentActor, CurrentUser } from '../auth/auth.guard';
import { idParam, isoDateTime, pageQuery, pageSchema, queryBoolean, text } from '../common/schemas';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';

const regionCode = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { error: 'must be an ISO 3166-2 region code' });
const capabilityCode = z.string().trim().min(1).max(64);

const createSchema = z.strictObject({
  technoparkId: z.uuid(),
  name: text(300),
  region: regionCode,
  legalId: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .meta({ description: 'UNP (BY, 9 digits), INN (RU, 10 or 12), BIN (KZ, 12)' }),
  headcount: z.number().int().min(1).max(1_000_000),
  capabilities: z.array(capabilityCode).min(1).max(100),
  certifications: z.array(text(100)).max(50).optional(),
  emails: z.array(z.email().max(320)).min(1).max(10),
  language: z.enum(LANGUAGES).optional(),
  notificationMode: z.enum(NOTIFICATION_MODES).optional(),
});

const updateSchema = createSchema
  .omit({ technoparkId: true })
  .extend({ active: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' });

const listQuery = z.strictObject({
  ...pageQuery,
  technoparkId: z.uuid().optional(),
  region: regionCode.optional(),
  capability: capabilityCode.optional().meta({ description: 'Holds this code or a descendant of it' }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Part of the name, or the exact legal id' }),
  active: queryBoolean.optional(),
});

const residentSchema = z.object({
  id: z.uuid(),
  technoparkId: z.uuid(),
  name: z.string(),
  country: z.string(),
  region: z.string(),
  legalId: z.string(),
  headcount: z.number().int(),
  capabilities: z.array(z.string()),
  certifications: z.array(z.string()),
  emails: z.array(z.string()),
  language: z.enum(LANGUAGES),
  notificationMode: z.enum(NOTIFICATION_MODES),
  active: z.boolean(),
  unsubscribedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const present = (resident: Resident) => ({
  id: resident.id,
  technoparkId: resident.technoparkId,
  name: resident.name,
  country: resident.country,
  region: resident.regionCode,
  legalId: resident.legalId,
  headcount: resident.headcount,
  capabilities: resident.capabilities,
  certifications: resident.certifications,
  emails: resident.emails,
  language: resident.language,
  notificationMode: resident.notificationMode,
  active: resident.active,
  unsubscribedAt: resident.unsubscribedAt,
  createdAt: resident.createdAt,
  updatedAt: resident.updatedAt,
});

const residentId = idParam('resident');
const TAG = 'Residents';

/** Residents of technoparks; a coordinator sees and changes only those of their technoparks (others answer 404). */
@Controller('api/v1/residents')
@Auth('admin', 'coordinator')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Post()
  @HttpCode(201)
  @ApiRoute({
    tag: TAG,
    summary: 'Add a resident',
    description:
      'The country follows from the region; the legal id is checked with its check digits; unknown capability ' +
      'codes answer 400 naming the closest known codes; a legal id already registered in the country answers 409.',
    status: 201,
    body: createSchema,
    example: {
      technoparkId: '3f1c2a9e-6b1d-4c55-9a7e-2f0d8e4b7c11',
      name: 'Precision Parts LLC',
      region: 'BY-HM',
      legalId: '100000007',
      headcount: 40,
      capabilities: ['25.62.cnc-milling-5axis', '25.61.powder-coating'],
      certifications: ['ISO 9001'],
      emails: ['sales@precision.example'],
      language: 'ru',
      notificationMode: 'instant',
    },
    response: residentSchema,
    errors: [400, 403, 409],
  })
  async create(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @ValidBody() body: z.output<typeof createSchema>,
  ) {
    const scope = technoparkScope(user);
    if (scope && !scope.includes(body.technoparkId)) {
      throw new ForbiddenException('you may add residents only to your own technoparks');
    }
    const { region, ...rest } = body;
    return present(await this.residents.create({ ...rest, regionCode: region }, actor));
  }

  @Get()
  @ApiRoute({
    tag: TAG,
    summary: 'List residents',
    query: listQuery,
    queryExample: { capability: '25.62', region: 'BY-HM', q: 'precision', active: 'true', limit: '20' },
    response: pageSchema(residentSchema),
    errors: [400],
  })
  async list(@CurrentUser() user: UserPrincipal, @ValidQuery() query: z.output<typeof listQuery>) {
    const page = await this.residents.list(
      {
        technoparkId: query.technoparkId,
        regionCode: query.region,
        capability: query.capability,
        text: query.q,
        active: query.active,
      },
      technoparkScope(user),
      query,
    );
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiRoute({ tag: TAG, summary: 'Read a resident', response: residentSchema, errors: [404] })
  async findOne(@CurrentUser() user: UserPrincipal, @Param('id', residentId) id: string) {
    return present(found(await this.residents.get(id, technoparkScope(user))));
  }

  @Patch(':id')
  @ApiRoute({
    tag: TAG,
    summary: 'Change a resident',
    description: 'Lists (capabilities, emails, certifications) replace the old ones.',
    body: updateSchema,
    example: { headcount: 45, capabilities: ['25.62.cnc-milling-5axis'] },
    response: residentSchema,
    errors: [400, 404, 409],
  })
  async update(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', residentId) id: string,
    @ValidBody() body: z.output<typeof updateSchema>,
  ) {
    const { region, ...rest } = body;
    return present(
      found(await this.residents.update(id, { ...rest, regionCode: region }, technoparkScope(user), actor)),
    );
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiRoute({
    tag: TAG,
    summary: 'Deactivate a resident: never matched nor emailed again',
    response: residentSchema,
    errors: [404],
  })
  async deactivate(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', residentId) id: string,
  ) {
    return present(found(await this.residents.setActive(id, false, actor, technoparkScope(user))));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiRoute({ tag: TAG, summary: 'Activate a resident again', response: residentSchema, errors: [404] })
  async activate(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', residentId) id: string,
  ) {
    return present(found(await this.residents.setActive(id, true, actor, technoparkScope(user))));
  }
}

function found<T>(value: T | null): T {
  if (value === null) {
    throw new NotFoundException('resident not found');
  }
  return value;
}
