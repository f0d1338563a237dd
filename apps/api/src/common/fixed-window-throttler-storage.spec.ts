import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe(FixedWindowThrottlerStorage.name, () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const hit = (storage: FixedWindowThrottlerStorage, key = 'token:a', limit = 3) =>
    storage.increment(key, 60_000, limit, 60_000, 'default');

  it('counts hits in a window, blocks the one past the limit with the seconds to wait, and opens a new window later', async () => {
    const storage = new FixedWindowThrottlerStorage();
    expect(await hit(storage)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    await hit(storage);
    jest.advanceTimersByTime(10_000);
    expect(await hit(storage)).toMatchObject({ totalHits: 3, timeToExpire: 50, isBlocked: false });
    expect(await hit(storage)).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    jest.advanceTimersByTime(30_000);
    expect(await hit(storage)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.advanceTimersByTime(30_001);
    expect(await hit(storage)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('keeps keys and throttlers apart', async () => {
    const storage = new FixedWindowThrottlerStorage();
    for (let index = 0; index < 4; index += 1) {
      await hit(storage, 'token:a');
    }
    expect((await hit(storage, 'token:a')).isBlocked).toBe(true);
    expect((await hit(storage, 'token:b')).isBlocked).toBe(false);
    expect((await storage.increment('token:a', 60_000, 3, 60_000, 'login')).isBlocked).toBe(false);
  });
});
