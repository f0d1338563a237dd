import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Metrics } from '@app/metrics';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A counter that Redis has not answered within this time is counted by this process instead. */
const COMMAND_TIMEOUT_MS = 250;

/**
 * One hit in a fixed window: KEYS[1] counts the window's hits and expires with it, KEYS[2] exists while the key is
 * blocked. A blocked key's hits are not counted. Returns hits, the window's ms left and the block's ms left (0 when
 * not blocked). Both keys share a hash tag, so the script also runs on Redis Cluster.
 */
const HIT_SCRIPT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local left = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, left, tonumber(ARGV[3])}
end
return {hits, left, 0}
`;

type RateLimitRedis = Redis & {
  rateLimitHit(hits: string, block: string, ttl: number, limit: number, blockDuration: number): Promise<number[]>;
};

const seconds = (milliseconds: number) => Math.max(0, Math.ceil(milliseconds / 1000));

/**
 * Rate-limit counters shared by every API replica, in Redis (one script call per request), so a limit holds for a
 * credential whichever replica it reaches and the API keeps no state of its own. The windows are fixed, like
 * {@link FixedWindowThrottlerStorage}'s.
 *
 * A limit is an abuse brake, not a reason to refuse work: when Redis is down or slower than
 * {@link COMMAND_TIMEOUT_MS}, the request is counted in this process's own windows instead (per replica, as
 * before), a warning is logged once per outage, and tasks keep being accepted. Both stores are keyed by a hash of
 * the throttler and the tracker: no token, address or email is kept in memory or reaches Redis.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RateLimitRedis;
  private readonly local = new FixedWindowThrottlerStorage();
  private readonly prefix: string;
  private reportedDown = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.prefix = `${config.queuePrefix}:rate-limit`;
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableAutoPipelining: true,
      connectTimeout: 2000,
    }) as RateLimitRedis;
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
    this.redis.on('ready', () => {
      if (this.reportedDown) {
        this.logger.log('Redis is back: rate-limit counters are shared again');
      }
      this.reportedDown = false;
    });
    this.redis.on('error', (error: Error) => this.reportDown(error));
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const id = createHash('sha256').update(`${throttlerName}\u0000${key}`).digest('base64url');
    let record: ThrottlerStorageRecord;
    let store: 'shared' | 'local' = 'shared';
    try {
      const [hits, left, blocked] = await this.redis.rateLimitHit(
        `${this.prefix}:{${id}}`,
        `${this.prefix}:{${id}}:blocked`,
        ttl,
        limit,
        blockDuration,
      );
      record = {
        totalHits: hits,
        timeToExpire: seconds(left),
        isBlocked: blocked > 0,
        timeToBlockExpire: seconds(blocked),
      };
    } catch (error) {
      this.reportDown(error as Error);
      store = 'local';
      record = await this.local.increment(id, ttl, limit, blockDuration, throttlerName);
    }
    this.metrics.rateLimitHits.inc({ store, outcome: record.isBlocked ? 'blocked' : 'allowed' });
    return record;
  }

  /** After the HTTP server has drained (Nest runs shutdown hooks last), so no request finds Redis closed. */
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private reportDown(error: Error): void {
    if (!this.reportedDown) {
      this.reportedDown = true;
      this.logger.warn(`Redis is unreachable (${error.message}): rate limits are counted per replica until it is back`);
    }
  }
}

/** The shared store, for `ThrottlerModule.forRootAsync`. */
@Module({ providers: [SharedThrottlerStorage], exports: [SharedThrottlerStorage] })
export class RateLimitStorageModule {}
