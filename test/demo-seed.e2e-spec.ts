import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService } from '@app/domain';
import { CliModule } from '../apps/cli/src/cli.module';
import { seedDemo } from '../scripts/demo/demo-seed';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('the demo seed', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    app = await NestFactory.createApplicationContext(CliModule, { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('seeds a cluster shaped like INNOPROM. Belarus 2025, with working credentials, once', async () => {
    const first = await seedDemo(app);
    expect(first.seeded).toBe(true);
    const query = <T>(sql: string) => database.dataSource.query<T>(sql);

    const [minsk] = await query<{ residents: number }[]>(
      `SELECT count(*)::int AS residents FROM residents r JOIN technoparks p ON p.id = r.technopark_id WHERE p.name = 'Minsk Technopark'`,
    );
    expect(minsk.residents).toBe(77);
    const byCountry = Object.fromEntries(
      (
        await query<{ country: string; n: number }[]>(
          `SELECT country, count(*)::int AS n FROM residents GROUP BY country`,
        )
      ).map((row) => [row.country, row.n]),
    );
    expect(byCountry.BY).toBeGreaterThanOrEqual(185);
    expect(byCountry.BY).toBeLessThanOrEqual(195);
    expect(byCountry.RU).toBeGreaterThanOrEqual(285);
    expect(byCountry.RU).toBeLessThanOrEqual(295);
    expect((byCountry.KZ ?? 0) + (byCountry.KG ?? 0) + (byCountry.UZ ?? 0)).toBeGreaterThanOrEqual(28);
    const [{ regions }] = await query<{ regions: number }[]>(
      `SELECT count(DISTINCT region_code)::int AS regions FROM residents WHERE country = 'RU'`,
    );
    expect(regions).toBe(23);
    const [{ unknown }] = await query<{ unknown: number }[]>(
      `SELECT count(*)::int AS unknown FROM residents r, unnest(r.capabilities) AS code
       WHERE NOT EXISTS (SELECT 1 FROM capabilities c WHERE c.code = code)`,
    );
    expect(unknown).toBe(0);

    expect(await app.get(ApiKeysService).authenticate(first.apiKey)).toMatchObject({
      enterpriseId: first.enterpriseId,
    });
    const users = await query<{ email: string; role: string }[]>(`SELECT email, role FROM users ORDER BY role`);
    expect(users).toEqual([
      { email: 'admin@technomatch.local', role: 'admin' },
      { email: 'coordinator@technomatch.local', role: 'coordinator' },
    ]);
    const [{ tasks, jobs }] = await query<{ tasks: number; jobs: number }[]>(
      `SELECT (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM outbox WHERE job_name = 'task.match') AS jobs`,
    );
    expect(tasks).toBeGreaterThanOrEqual(2);
    expect(jobs).toBe(tasks);

    const second = await seedDemo(app);
    expect(second.seeded).toBe(false);
    expect(second.residents).toBe(first.residents);
    expect(await app.get(ApiKeysService).authenticate(second.apiKey)).toMatchObject({
      enterpriseId: first.enterpriseId,
    });
  });
});
