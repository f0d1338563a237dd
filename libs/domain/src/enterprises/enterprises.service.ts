import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { decodeIdCursor, pageById, type Page, type PageRequest } from '../common/page';
import { ApiKey } from './api-key.entity';
import { ApiKeysService, type IssuedApiKey } from './api-keys.service';
import { Enterprise } from './enterprise.entity';

export interface CreateEnterpriseInput {
  name: string;
  email: string;
}

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  /** Creates the enterprise with its first API key, in one transaction. */
  async createWithApiKey(
    input: CreateEnterpriseInput,
    actor: Actor,
  ): Promise<{ enterprise: Enterprise; apiKey: string }> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Enterprise);
      const enterprise = await repository.save(
        repository.create({ name: input.name.trim(), email: input.email.trim() }),
      );
      const key = await this.apiKeys.issue(enterprise.id, 'default', manager);
      await this.audit.record(manager, actor, 'enterprise.create', 'enterprise', enterprise.id, null, {
        name: enterprise.name,
        email: enterprise.email,
        apiKeyPrefix: key.prefix,
      });
      return { enterprise, apiKey: key.apiKey };
    });
  }

  async list(page: PageRequest): Promise<Page<Enterprise>> {
    const query = this.dataSource.getRepository(Enterprise).createQueryBuilder('enterprise').orderBy('enterprise.id');
    const after = decodeIdCursor(page.cursor);
    if (after) {
      query.where('enterprise.id > :after', { after });
    }
    return pageById(await query.limit(page.limit + 1).getMany(), page.limit);
  }

  async get(id: string): Promise<Enterprise | null> {
    return this.dataSource.getRepository(Enterprise).findOne({ where: { id } });
  }

  /**
   * Registers (or, with null, removes) the URL that hears about interested residents. A new random
   * signing secret comes with every registration and is returned this once; null when the enterprise
   * does not exist.
   */
  async setWebhook(
    id: string,
    url: string | null,
    actor: Actor,
  ): Promise<{ enterprise: Enterprise; secret: string | null } | null> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Enterprise);
      const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) {
        return null;
      }
      const secret = url === null ? null : `whsec_${randomBytes(32).toString('base64url')}`;
      await repository.update({ id }, { webhookUrl: url, webhookSecret: secret });
      await this.audit.record(
        manager,
        actor,
        url === null ? 'enterprise.webhook.remove' : 'enterprise.webhook.set',
        'enterprise',
        id,
        { webhookUrl: before.webhookUrl },
        { webhookUrl: url },
      );
      return { enterprise: await repository.findOneByOrFail({ id }), secret };
    });
  }

  /** The enterprise's keys, without secrets: prefix, name, created, last used, revoked. */
  async listKeys(enterpriseId: string): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ where: { enterpriseId }, order: { createdAt: 'ASC' } });
  }

  /** A new key for an existing enterprise (null when there is none); the secret is returned once. */
  async issueKey(enterpriseId: string, name: string, actor: Actor): Promise<(IssuedApiKey & { key: ApiKey }) | null> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Enterprise).exists({ where: { id: enterpriseId } }))) {
        return null;
      }
      const issued = await this.apiKeys.issue(enterpriseId, name, manager);
      await this.audit.record(manager, actor, 'api-key.create', 'api-key', issued.id, null, {
        enterpriseId,
        name,
        prefix: issued.prefix,
      });
      return { ...issued, key: await manager.getRepository(ApiKey).findOneByOrFail({ id: issued.id }) };
    });
  }

  /**
   * Revokes a key; revoking a revoked key changes nothing. Null when there is no such key. This replica refuses
   * the key at once, other API replicas within `API_KEY_CACHE_TTL_MS` (5 s).
   */
  async revokeKey(keyId: string, actor: Actor): Promise<ApiKey | null> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      const key = await repository.findOne({ where: { id: keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key) {
        return null;
      }
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await repository.update({ id: keyId }, { revokedAt: key.revokedAt });
        await this.audit.record(
          manager,
          actor,
          'api-key.revoke',
          'api-key',
          keyId,
          { revokedAt: null },
          { revokedAt: key.revokedAt },
        );
      }
      return key;
    });
    this.apiKeys.forget(keyId);
    return revoked;
  }
}
