import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** Keys look like `tmk_<8 hex>_<43 base64url>`: recognisable by secret scanners, the prefix names the key in lists. */
const KEY_PATTERN = /^tmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiKey {
  id: string;
  prefix: string;
  /** The secret, shown once and never stored. */
  apiKey: string;
}

export interface AuthenticatedKey {
  keyId: string;
  enterpriseId: string;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  /** Issues a new random key for the enterprise; only its SHA-256 hash is stored (the key has 256 bits of entropy). */
  async issue(enterpriseId: string, name = 'default', manager?: EntityManager): Promise<IssuedApiKey> {
    const prefix = `tmk_${randomBytes(4).toString('hex')}`;
    const apiKey = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const repository = manager ? manager.getRepository(ApiKey) : this.keys;
    const saved = await repository.save(repository.create({ enterpriseId, name, prefix, keyHash: hashApiKey(apiKey) }));
    return { id: saved.id, prefix, apiKey };
  }

  /** The enterprise a presented key belongs to, or null for a malformed, unknown or revoked key. */
  async authenticate(apiKey: string): Promise<AuthenticatedKey | null> {
    if (!KEY_PATTERN.test(apiKey)) {
      return null;
    }
    const key = await this.keys.findOne({ where: { keyHash: hashApiKey(apiKey), revokedAt: IsNull() } });
    if (!key) {
      return null;
    }
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: new Date() });
    }
    return { keyId: key.id, enterpriseId: key.enterpriseId };
  }
}
