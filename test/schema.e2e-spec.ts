import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { createTestDatabase, type TestDatabase } from './support/test-database';

async function schemaSnapshot(dataSource: DataSource): Promise<string> {
  const columns = await dataSource.query<object[]>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  );
  const constraints = await dataSource.query<object[]>(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const indexes = await dataSource.query<object[]>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
  );
  return JSON.stringify({ columns, constraints, indexes });
}

describe('the migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('create every table of the schema with the reference data', async () => {
    const tables = await database.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((table) => table.table_name)).toEqual([
      'api_keys',
      'audit_log',
      'capabilities',
      'digest_items',
      'enterprises',
      'matches',
      'notifications',
      'outbox',
      'regions',
      'resident_imports',
      'residents',
      'task_requirements',
      'tasks',
      'technoparks',
      'typeorm_migrations',
      'user_technoparks',
      'users',
      'webhook_deliveries',
      'webhook_delivery_attempts',
    ]);
    const counts = await database.dataSource.query<{ country: string; n: number }[]>(
      `SELECT country, count(*)::int AS n FROM regions GROUP BY country ORDER BY country`,
    );
    expect(counts).toEqual([
      { country: 'BY', n: 7 },
      { country: 'KG', n: 9 },
      { country: 'KZ', n: 20 },
      { country: 'RU', n: 89 },
      { country: 'UZ', n: 14 },
    ]);
    const [taxonomy] = await database.dataSource.query<{ nodes: number; leaves: number; machining: string[] }[]>(
      `SELECT count(*)::int AS nodes,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM capabilities c WHERE c.parent_code = capabilities.code))::int AS leaves,
              (SELECT ancestors FROM capabilities WHERE code = '25.62.cnc-milling-5axis') AS machining
       FROM capabilities`,
    );
    expect(taxonomy.nodes).toBeGreaterThanOrEqual(150);
    expect(taxonomy.leaves).toBeGreaterThanOrEqual(100);
    expect(taxonomy.machining).toEqual(['C', '25', '25.6', '25.62']);
  });

  it('change nothing when run again', async () => {
    const before = await schemaSnapshot(database.dataSource);
    expect(await database.dataSource.runMigrations()).toEqual([]);
    expect(await schemaSnapshot(database.dataSource)).toBe(before);
  });

  it('match the entities: every mapped column exists with the same nullability, and no column is unmapped', async () => {
    const rows = await database.dataSource.query<
      { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[]
    >(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    const inDatabase = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.is_nullable === 'YES']));
    const mapped = new Map<string, boolean>();
    for (const entity of database.dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        mapped.set(`${entity.tableName}.${column.databaseName}`, column.isNullable);
      }
    }
    expect([...mapped.keys()].filter((key) => !inDatabase.has(key))).toEqual([]);
    expect([...inDatabase.keys()].filter((key) => !mapped.has(key))).toEqual([]);
    const nullability = [...mapped].filter(([key, nullable]) => inDatabase.get(key) !== nullable).map(([key]) => key);
    expect(nullability).toEqual([]);
  });

  it('enforce the invariants in the database', async () => {
    const query = (sql: string) => database.dataSource.query(sql);
    await expect(query(`INSERT INTO regions VALUES ('XX-1', 'BY', 'x', 'x', 'x', 'x', 0, 0, true)`)).rejects.toThrow(
      /regions_code_prefix_check/,
    );
    await expect(
      query(
        `INSERT INTO capabilities (code, parent_code, depth, label_ru, label_en) VALUES ('x', 'nope', 0, 'x', 'x')`,
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      query(`INSERT INTO technoparks (name, region_code) VALUES ('P', 'RU-MOW'), ('p', 'RU-SPE')`),
    ).rejects.toThrow(/technoparks_name_key/);
    await expect(
      query(`INSERT INTO resident_imports (csv, total_rows, processed_rows) VALUES ('x', 1, 2)`),
    ).rejects.toThrow(/resident_imports_progress_check/);
    await expect(
      query(`INSERT INTO resident_imports (csv, status, total_rows) VALUES ('x', 'committed', 1)`),
    ).rejects.toThrow(/resident_imports_committed_check/);
  });

  it('can be reverted to an empty database and applied again', async () => {
    for (const _ of MIGRATIONS) {
      await database.dataSource.undoLastMigration();
    }
    const [{ n }] = await database.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    expect(n).toBe(0);
    expect(await database.dataSource.runMigrations()).toHaveLength(MIGRATIONS.length);
  });
});
