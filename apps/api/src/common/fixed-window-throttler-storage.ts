import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (milliseconds: number) => Math.max(0, Math.ceil(milliseconds / 1000));

/**
 * Rate-limit counters in fixed windows: a window opens at a key's first hit and lasts `ttl`; the hit past
 * `limit` blocks the key for `blockDuration`. Each request costs O(1), where the throttler's default store
 * filters the timestamps of every hit in the window (300 a minute per key, or far more when raised).
 * A burst at a window's edge may pass up to twice the limit; for an abuse brake that is the usual trade.
 * Expired windows are dropped by a sweep that runs at most once a minute, on a request.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweep(now);
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || (window.expiresAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    if (window.blockedUntil <= now) {
      window.hits += 1;
      if (window.hits > limit) {
        window.blockedUntil = now + blockDuration;
      }
    }
    const isBlocked = window.blockedUntil > now;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: seconds(window.expiresAt - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(window.blockedUntil - now) : 0,
    });
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) {
      return;
    }
    this.nextSweep = now + 60_000;
    for (const [id, window] of this.windows) {
      if (window.expiresAt <= now && window.blockedUntil <= now) {
        this.windows.delete(id);
      }
    }
  }
}
