import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** Keys look like `tmk_<8 hex>_<43 base64url>`: recognisable by secret scanners, the prefix names the key in lists. */
const KEY_PATTERN = /^tmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a replica trusts a key it has looked up. A revocation is seen at once by the replica that made it and
 * within this time by the others; in exchange, an API request costs no key lookup.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const API_KEY_CACHE_SIZE = 10_000;

interface CachedKey {
  key: AuthenticatedKey;
  lastUsedAt: number;
  expiresAt: number;
}

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
  /** Known good keys by hash (never unknown or revoked ones); insertion order is age, so the oldest go first. */
  private readonly cache = new Map<string, CachedKey>();

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
    const keyHash = hashApiKey(apiKey);
    const now = Date.now();
    let cached = this.cache.get(keyHash);
    if (!cached || cached.expiresAt <= now) {
      this.cache.delete(keyHash);
      const key = await this.keys.findOne({ where: { keyHash, revokedAt: IsNull() } });
      if (!key) {
        return null;
      }
      cached = {
        key: { keyId: key.id, enterpriseId: key.enterpriseId },
        lastUsedAt: key.lastUsedAt?.getTime() ?? 0,
        expiresAt: now + API_KEY_CACHE_TTL_MS,
      };
      this.remember(keyHash, cached);
    }
    if (now - cached.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      cached.lastUsedAt = now;
      await this.keys.update({ id: cached.key.keyId }, { lastUsedAt: new Date(now) });
    }
    return cached.key;
  }

  /** Forgets a key at once on this replica (after a revocation). */
  forget(keyId: string): void {
    for (const [keyHash, cached] of this.cache) {
      if (cached.key.keyId === keyId) {
        this.cache.delete(keyHash);
      }
    }
  }

  private remember(keyHash: string, cached: CachedKey): void {
    if (this.cache.size >= API_KEY_CACHE_SIZE) {
      this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(keyHash, cached);
  }
}
