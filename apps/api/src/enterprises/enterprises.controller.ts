import { Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EnterprisesService, privateTargetReason, type Actor, type ApiKey, type Enterprise } from '@app/domain';
import { Auth, CurrentActor } from '../auth/auth.guard';
import { idParam, isoDateTime, pageQuery, pageSchema, text } from '../common/schemas';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';

const createSchema = z.strictObject({ name: text(300), email: z.email().max(320) });
const createKeySchema = z.strictObject({ name: text(100).optional() });
const listQuery = z.strictObject(pageQuery);
const webhookSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .max(2000)
    .meta({ description: 'Receives a signed POST when a resident says it is interested' }),
});

const enterpriseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  webhookUrl: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
const apiKeySchema = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({ description: 'The first part of the key, to recognise it; the secret is not stored' }),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
const secretSchema = z.string().meta({ description: 'The key itself: shown this once, stored only as a hash' });

const present = (enterprise: Enterprise) => ({
  id: enterprise.id,
  name: enterprise.name,
  email: enterprise.email,
  webhookUrl: enterprise.webhookUrl,
  createdAt: enterprise.createdAt,
  updatedAt: enterprise.updatedAt,
});
const presentKey = (key: ApiKey) => ({
  id: key.id,
  enterpriseId: key.enterpriseId,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
});

const enterpriseId = idParam('enterprise');
const TAG = 'Enterprises';

/** Enterprises and their API keys (admin only). */
@Controller('api/v1')
@Auth('admin')
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('enterprises')
  @HttpCode(201)
  @ApiRoute({
    tag: TAG,
    summary: 'Register an enterprise with its first API key',
    status: 201,
    body: createSchema,
    example: { name: 'Gomel Tractor Plant', email: 'buyer@plant.by' },
    response: enterpriseSchema.extend({ apiKey: secretSchema }),
    errors: [400],
  })
  async create(@ValidBody() body: z.output<typeof createSchema>, @CurrentActor() actor: Actor) {
    const { enterprise, apiKey } = await this.enterprises.createWithApiKey(body, actor);
    return { ...present(enterprise), apiKey };
  }

  @Get('enterprises')
  @ApiRoute({
    tag: TAG,
    summary: 'List enterprises',
    query: listQuery,
    queryExample: { limit: '20' },
    response: pageSchema(enterpriseSchema),
    errors: [400],
  })
  async list(@ValidQuery() query: z.output<typeof listQuery>) {
    const page = await this.enterprises.list(query);
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  }

  @Get('enterprises/:id')
  @ApiRoute({ tag: TAG, summary: 'Read an enterprise', response: enterpriseSchema, errors: [404] })
  async findOne(@Param('id', enterpriseId) id: string) {
    return present(found(await this.enterprises.get(id), 'enterprise'));
  }

  @Get('enterprises/:id/api-keys')
  @ApiRoute({
    tag: TAG,
    summary: "List an enterprise's API keys (without secrets), with their last-used time",
    response: z.object({ items: z.array(apiKeySchema) }),
    errors: [404],
  })
  async listKeys(@Param('id', enterpriseId) id: string) {
    found(await this.enterprises.get(id), 'enterprise');
    return { items: (await this.enterprises.listKeys(id)).map(presentKey) };
  }

  @Post('enterprises/:id/api-keys')
  @HttpCode(201)
  @ApiRoute({
    tag: TAG,
    summary: 'Issue another API key; the key is shown this once',
    status: 201,
    body: createKeySchema,
    example: { name: 'ERP integration' },
    response: apiKeySchema.extend({ apiKey: secretSchema }),
    errors: [400, 404],
  })
  async issueKey(
    @Param('id', enterpriseId) id: string,
    @ValidBody() body: z.output<typeof createKeySchema>,
    @CurrentActor() actor: Actor,
  ) {
    const issued = found(await this.enterprises.issueKey(id, body.name ?? 'default', actor), 'enterprise');
    return { ...presentKey(issued.key), apiKey: issued.apiKey };
  }

  @Put('enterprises/:id/webhook')
  @ApiRoute({
    tag: TAG,
    summary: 'Register the webhook URL; returns a new signing secret this once',
    description:
      'Deliveries carry `X-TechnoMatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`.',
    body: webhookSchema,
    example: { url: 'https://erp.plant.by/hooks/technomatch' },
    response: enterpriseSchema.extend({
      webhookSecret: z.string().meta({ description: 'Signing secret: shown this once' }),
    }),
    errors: [400, 404],
  })
  async setWebhook(
    @Param('id', enterpriseId) id: string,
    @ValidBody() body: z.output<typeof webhookSchema>,
    @CurrentActor() actor: Actor,
  ) {
    // The SSRF guard at registration (literal addresses); deliveries check every address a name resolves to.
    const refused = this.config.webhookAllowPrivate ? null : privateTargetReason(new URL(body.url));
    if (refused) {
      throw new RequestValidationError([{ path: 'url', message: `must not point inside the network: ${refused}` }]);
    }
    const result = found(await this.enterprises.setWebhook(id, body.url, actor), 'enterprise');
    return { ...present(result.enterprise), webhookSecret: result.secret };
  }

  @Delete('enterprises/:id/webhook')
  @ApiRoute({ tag: TAG, summary: 'Stop webhook deliveries', response: enterpriseSchema, errors: [404] })
  async removeWebhook(@Param('id', enterpriseId) id: string, @CurrentActor() actor: Actor) {
    return present(found(await this.enterprises.setWebhook(id, null, actor), 'enterprise').enterprise);
  }

  @Delete('api-keys/:id')
  @ApiRoute({
    tag: TAG,
    summary: 'Revoke an API key at once (revoking again changes nothing)',
    response: apiKeySchema,
    errors: [404],
  })
  async revokeKey(@Param('id', idParam('API key')) id: string, @CurrentActor() actor: Actor) {
    return presentKey(found(await this.enterprises.revokeKey(id, actor), 'API key'));
  }
}

function found<T>(value: T | null, what: string): T {
  if (value === null) {
    throw new NotFoundException(`${what} not found`);
  }
  return value;
}
