import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { createApiApp } from '../apps/api/src/bootstrap';
import { SharedThrottlerStorage } from '../apps/api/src/common/shared-throttler-storage';
import { apiClient, expectProblem, type ApiCall } from './support/api-client';
import { createEnterprise } from './support/factories';
import { metricValue } from './support/metrics';
import { RedisServer } from './support/redis-server';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

const LIMIT = 6;
const REGIONS = '/api/v1/regions?country=BY';

/**
 * Two API replicas on one database and one Redis (a private redis-server, so the test can stop it): a credential's
 * budget is shared between them, and while Redis is away each replica limits on its own and keeps accepting work.
 */
describe('Rate limits across API replicas', () => {
  let redis: RedisServer;
  let system: SystemUnderTest;
  let second: NestFastifyApplication;
  let replicas: [ApiCall, ApiCall];
  let urls: [string, string];
  let inspector: Redis;

  const statuses = async (call: ApiCall, token: string, times: number) => {
    const answers: number[] = [];
    for (let i = 0; i < times; i += 1) {
      answers.push((await call('GET', REGIONS, { token })).status);
    }
    return answers;
  };
  const counterKeys = () => inspector.keys(`${process.env.QUEUE_PREFIX}:rate-limit:*`);
  const hits = async (replica: 0 | 1, store: 'shared' | 'local', outcome: 'allowed' | 'blocked') =>
    metricValue(
      await (await fetch(`${urls[replica]}/metrics`)).text(),
      `technomatch_rate_limit_hits_total{store="${store}",outcome="${outcome}"}`,
    ) ?? 0;

  beforeAll(async () => {
    redis = await RedisServer.start();
    system = await startSystem({
      worker: false,
      redisUrl: redis.url,
      env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    });
    second = await createApiApp();
    await second.listen({ port: 0, host: '127.0.0.1' });
    const port = (second.getHttpServer().address() as { port: number }).port;
    urls = [system.baseUrl, `http://127.0.0.1:${port}`];
    replicas = [apiClient(urls[0]), apiClient(urls[1])];
    inspector = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => 1000 });
    inspector.on('error', () => undefined);
  });

  afterAll(async () => {
    inspector?.disconnect();
    await second?.close();
    await system?.close();
    await redis?.kill();
  });

  it("spends one key's budget on both replicas together, with Retry-After", async () => {
    const [first, other] = replicas;
    const { apiKey } = await createEnterprise(system.api);
    expect([...(await statuses(first, apiKey, LIMIT / 2)), ...(await statuses(other, apiKey, LIMIT / 2))]).toEqual(
      Array(LIMIT).fill(200),
    );
    for (const call of replicas) {
      const limited = await call('GET', REGIONS, { token: apiKey });
      expectProblem(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const { apiKey: neighbour } = await createEnterprise(system.api);
    expect(await statuses(other, neighbour, 1)).toEqual([200]);
    expect([await hits(0, 'shared', 'blocked'), await hits(1, 'shared', 'blocked')]).toEqual([1, 1]);
  });

  it('blocks a key past its limit for the block duration, without counting the blocked hits', async () => {
    const storage = system.api.get(SharedThrottlerStorage);
    const hit = () => storage.increment('token:blocked-example', 60_000, 2, 5_000, 'default');
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 5 });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true });
    const other = await storage.increment('token:blocked-example', 60_000, 2, 5_000, 'login');
    expect(other).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('names the counters by hash: no API key reaches Redis', async () => {
    const { apiKey } = await createEnterprise(system.api);
    await statuses(replicas[0], apiKey, 1);
    const keys = await counterKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes(apiKey) || key.includes('token:'))).toEqual([]);
  });

  it('limits per replica while Redis is down, keeps accepting tasks, and shares the counters again once it is back', async () => {
    const [first, other] = replicas;
    const { apiKey } = await createEnterprise(system.api);
    await redis.kill();

    // Each replica now counts alone: the key gets LIMIT on each, then 429 on each.
    expect(await statuses(first, apiKey, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expectProblem(await first('GET', REGIONS, { token: apiKey }), 429);
    expect(await statuses(other, apiKey, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expectProblem(await other('GET', REGIONS, { token: apiKey }), 429);
    expect([await hits(0, 'local', 'blocked'), await hits(1, 'local', 'blocked')]).toEqual([1, 1]);

    const { apiKey: poster } = await createEnterprise(system.api);
    const posted = await first('POST', '/api/v1/tasks', {
      token: poster,
      body: {
        title: 'Gear housing, posted while Redis is away',
        substitutes: { name: 'Gear housing', manufacturer: 'SEW-Eurodrive' },
        requirements: [{ capability: '25.62', weight: 1, required: true }],
        region: 'BY-HM',
      },
    });
    expect(posted.status).toBe(201);
    const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM outbox WHERE payload->>'taskId' = $1 AND published_at IS NULL`,
      [posted.body.id],
    );
    expect(count).toBe(1);

    await redis.start();
    await inspector.connect().catch(() => undefined);
    // Both replicas reconnect on their own; a probe key per try shows when each one writes to Redis again.
    for (const call of replicas) {
      await waitFor('the replica to count in Redis again', async () => {
        const { apiKey: probe } = await createEnterprise(system.api);
        await statuses(call, probe, 1);
        return (await counterKeys()).length > 0 ? true : undefined;
      });
      await inspector.flushdb();
    }
    const { apiKey: shared } = await createEnterprise(system.api);
    await statuses(first, shared, LIMIT / 2);
    await statuses(other, shared, LIMIT / 2);
    expectProblem(await first('GET', REGIONS, { token: shared }), 429);
  });
});
