import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { ApiKeysService } from './api-keys.service';
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
}
