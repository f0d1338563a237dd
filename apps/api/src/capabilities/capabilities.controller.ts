import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { CapabilitiesService, type Actor, type Capability } from '@app/domain';
import { Auth, CurrentActor, Roles } from '../auth/auth.guard';
import { text } from '../common/schemas';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';

const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/, { error: 'must be letters, digits, dots and dashes, at most 64' });

const searchQuery = z.strictObject({
  query: z.string().trim().max(200).optional().meta({ description: 'Code prefix, or part of a ru/en label or alias' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const createSchema = z.strictObject({
  code,
  parentCode: code.nullable(),
  labels: z.strictObject({ ru: text(300), en: text(300) }),
  aliases: z.array(text(100)).max(30).optional(),
});

const capabilitySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  ancestors: z.array(z.string()),
  depth: z.number().int(),
  labels: z.object({ ru: z.string(), en: z.string() }),
  aliases: z.array(z.string()),
});

const present = (capability: Capability) => ({
  code: capability.code,
  parentCode: capability.parentCode,
  ancestors: capability.ancestors,
  depth: capability.depth,
  labels: { ru: capability.labelRu, en: capability.labelEn },
  aliases: capability.aliases,
});

const TAG = 'Reference data';

/** The capability taxonomy: everyone who uses the API reads it; admins extend it. */
@Controller('api/v1/capabilities')
@Auth()
export class CapabilitiesController {
  constructor(private readonly capabilities: CapabilitiesService) {}

  @Get()
  @ApiRoute({
    tag: TAG,
    summary: 'Search the capability taxonomy',
    description: 'Matches a code prefix, or a part of the Russian or English label or of an alias.',
    query: searchQuery,
    queryExample: { query: 'фрез', limit: '10' },
    response: z.object({ items: z.array(capabilitySchema) }),
    errors: [400],
  })
  async search(@ValidQuery() query: z.output<typeof searchQuery>) {
    return { items: (await this.capabilities.search(query.query ?? '', query.limit)).map(present) };
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiRoute({
    tag: TAG,
    summary: 'Extend the taxonomy (admin)',
    status: 201,
    body: createSchema,
    example: {
      code: '25.62.laser-micromachining',
      parentCode: '25.62',
      labels: { ru: 'Лазерная микрообработка', en: 'Laser micromachining' },
      aliases: ['femtosecond laser'],
    },
    response: capabilitySchema,
    errors: [400, 409],
  })
  async create(@ValidBody() body: z.output<typeof createSchema>, @CurrentActor() actor: Actor) {
    return present(await this.capabilities.create(body, actor));
  }
}
