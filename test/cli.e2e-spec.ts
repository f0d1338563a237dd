import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from '../apps/cli/src/cli.module';
import { COMMANDS, UsageError } from '../apps/cli/src/commands';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('the admin CLI', () => {
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

  it('creates an enterprise and prints its API key once, storing only a hash', async () => {
    const output = (await COMMANDS['enterprises:create'].run(app, [
      '--name',
      'Minsk Gear Works',
      '--email',
      'buyer@gear.example',
    ])) as {
      id: string;
      apiKey: string;
    };
    expect(output.apiKey).toMatch(/^tmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const keys = await database.dataSource.query<{ key_hash: string; prefix: string }[]>(
      `SELECT key_hash, prefix FROM api_keys WHERE enterprise_id = $1`,
      [output.id],
    );
    expect(keys).toEqual([
      { key_hash: createHash('sha256').update(output.apiKey).digest('hex'), prefix: output.apiKey.slice(0, 12) },
    ]);
    const stored = JSON.stringify(await database.dataSource.query(`SELECT * FROM api_keys`));
    expect(stored).not.toContain(output.apiKey);
    const [audit] = await database.dataSource.query<{ action: string; actor_type: string }[]>(
      `SELECT action, actor_type FROM audit_log WHERE entity_id = $1`,
      [output.id],
    );
    expect(audit).toEqual({ action: 'enterprise.create', actor_type: 'cli' });
  });

  it('creates users with an argon2id hash and refuses duplicates and bad roles', async () => {
    const user = await COMMANDS['users:create'].run(app, [
      '--email',
      'Admin@Park.example',
      '--password',
      'correct horse battery',
      '--role',
      'admin',
    ]);
    expect(user).toMatchObject({ email: 'admin@park.example', role: 'admin' });
    const [{ password_hash }] = await database.dataSource.query<{ password_hash: string }[]>(
      `SELECT password_hash FROM users WHERE email = 'admin@park.example'`,
    );
    expect(password_hash).toMatch(/^\$argon2id\$/);
    await expect(
      COMMANDS['users:create'].run(app, [
        '--email',
        'admin@park.example',
        '--password',
        'another long one',
        '--role',
        'admin',
      ]),
    ).rejects.toThrow(/already exists/);
    await expect(
      COMMANDS['users:create'].run(app, [
        '--email',
        'c@park.example',
        '--password',
        'long enough pw',
        '--role',
        'boss',
      ]),
    ).rejects.toThrow(UsageError);
    await expect(COMMANDS['enterprises:create'].run(app, ['--name', 'X'])).rejects.toThrow('--email is required');
  });
});
