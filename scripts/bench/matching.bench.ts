import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule } from '@app/config';
import { createMigratedDatabase, DatabaseModule, dropDatabaseIfExists } from '@app/database';
import {
  AuditModule,
  CapabilitiesService,
  MatchingModule,
  OutboxModule,
  ReferenceModule,
  RegionsService,
  ResidentIndex,
  TaskMatchingService,
} from '@app/domain';
import {
  rankResidents,
  resolveWeights,
  type MatchingResult,
  type ResidentProfile,
  type TaskProfile,
} from '@app/matching';
import { closureOf, syntheticResident, syntheticTask } from './synthetic-cluster';

/**
 * `npm run bench:matching [-- --sizes=10000,100000,1000000 --tasks=200 --baseline-tasks=50 --keep-database]`
 *
 * Builds a deterministic synthetic cluster in its own database (tm_bench, dropped and re-created), grows it
 * to each size, and for each size matches the same mix of fresh tasks through TaskMatchingService (index
 * scan, engine, writing matches, notifications and outbox rows), printing p50/p95/p99 per task and the
 * peak RSS. The same tasks then run through a naive baseline, the foundation's plan: retrieve every
 * candidate with the GIN indexes, load them and score them all in memory. Both are timed without
 * writing for the ratio, and their matches are compared resident by resident. The peak RSS includes the
 * baseline's result sets (700k rows for a popular capability at a million residents); the index itself
 * takes about 250 MB at a million.
 */

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_DATABASE ?? 'tm_bench';
const LOAD_BATCH = 20_000;
const WARM_UP_TASKS = 3;

interface Options {
  sizes: number[];
  tasks: number;
  baselineTasks: number;
  keepDatabase: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    sizes: (value('sizes') ?? '10000,100000,1000000').split(',').map(Number),
    tasks: Number(value('tasks') ?? 200),
    baselineTasks: Number(value('baseline-tasks') ?? 50),
    keepDatabase: argv.includes('--keep-database'),
  };
}

@Module({ imports: [ConfigModule, DatabaseModule, AuditModule, OutboxModule, ReferenceModule, MatchingModule] })
class BenchModule {}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
};
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const arrayLiteral = (values: readonly string[]) => `{${values.map((value) => `"${value}"`).join(',')}}`;

function benchDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function createDatabase(): Promise<string> {
  const url = benchDatabaseUrl();
  const dataSource = await createMigratedDatabase(url, 2);
  await dataSource.destroy();
  return url;
}

/** Grows the residents table to `size` rows with secondary indexes dropped, then rebuilds them. */
async function growResidents(db: DataSource, from: number, size: number, technoparks: string[]): Promise<number> {
  const started = performance.now();
  const indexes: { indexname: string; indexdef: string }[] = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'residents'
       AND indexname NOT IN ('residents_pkey', 'residents_country_legal_id_key')`,
  );
  for (const { indexname } of indexes) {
    await db.query(`DROP INDEX ${indexname}`);
  }
  for (let start = from; start < size; start += LOAD_BATCH) {
    const columns: unknown[][] = Array.from({ length: 12 }, () => []);
    for (let index = start; index < Math.min(size, start + LOAD_BATCH); index++) {
      const resident = syntheticResident(index);
      const row = [
        technoparks[index % technoparks.length],
        `Bench resident ${index}`,
        resident.country,
        resident.region,
        String(index).padStart(12, '0'),
        resident.headcount,
        arrayLiteral(resident.capabilities),
        arrayLiteral(closureOf(resident.capabilities)),
        arrayLiteral(resident.certifications),
        `r${index}@bench.example`,
        resident.notificationMode,
        resident.active,
      ];
      row.forEach((value, column) => columns[column].push(value));
    }
    await db.query(
      `INSERT INTO residents (technopark_id, name, country, region_code, legal_id, headcount, capabilities,
                              capability_closure, certifications, emails, notification_mode, active)
       SELECT tp, nm, c, rg, lid, hc, caps::text[], clo::text[], certs::text[], ARRAY[em], mode, act
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::bool[])
            AS t(tp, nm, c, rg, lid, hc, caps, clo, certs, em, mode, act)`,
      columns,
    );
  }
  await db.query(`SET maintenance_work_mem = '1GB'`);
  for (const { indexdef } of indexes) {
    await db.query(indexdef);
  }
  await db.query(`VACUUM ANALYZE residents`);
  return performance.now() - started;
}

async function insertTasks(db: DataSource, enterpriseId: string, first: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = first; index < first + count; index++) {
    const task = syntheticTask(index);
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO tasks (enterprise_id, title, substitute_name, region_code, countries, max_distance_km, certifications)
       VALUES ($1, $2, $2, $3, $4, $5, $6) RETURNING id`,
      [enterpriseId, `Bench task ${index}`, task.region, task.countries, task.maxDistanceKm, task.certifications],
    );
    for (const [position, requirement] of task.requirements.entries()) {
      await db.query(
        `INSERT INTO task_requirements (task_id, capability_code, weight, required, position) VALUES ($1, $2, $3, $4, $5)`,
        [id, requirement.capability, requirement.weight, requirement.required, position],
      );
    }
    ids.push(id);
  }
  return ids;
}

/** The foundation's plan, kept here as the baseline: every candidate from the GIN indexes, scored in memory. */
async function naiveRank(app: INestApplicationContext, taskId: string): Promise<MatchingResult> {
  const db = app.get(DataSource);
  const taxonomy = await app.get(CapabilitiesService).taxonomy();
  const { profile, params } = await naiveQueryParameters(app, taskId);
  return db.transaction(async (manager) => {
    const rows: {
      id: string;
      country: string;
      region_code: string;
      headcount: number;
      capabilities: string[];
      certifications: string[];
      lat: number;
      lon: number;
    }[] = await manager.query(NAIVE_RETRIEVAL, params);
    const engagements: { resident_id: string; open: number }[] = await manager.query(
      `SELECT m.resident_id, count(*)::int AS open FROM matches m JOIN tasks t ON t.id = m.task_id
       WHERE m.resident_id = ANY($1::uuid[]) AND m.task_id <> $2
         AND m.status IN ('approved', 'notified', 'interested') AND t.status IN ('open', 'matching', 'matched')
       GROUP BY m.resident_id`,
      [rows.map((row) => row.id), taskId],
    );
    const open = new Map(engagements.map((row) => [row.resident_id, row.open]));
    const residents: ResidentProfile[] = rows.map((row) => ({
      id: row.id,
      country: row.country,
      regionCode: row.region_code,
      centre: { lat: row.lat, lon: row.lon },
      headcount: row.headcount,
      capabilities: row.capabilities,
      certifications: row.certifications,
      openEngagements: open.get(row.id) ?? 0,
    }));
    return rankResidents(profile, residents, taxonomy, resolveWeights({}));
  });
}

const NAIVE_RETRIEVAL = `SELECT r.id, r.country, r.region_code, r.headcount, r.capabilities, r.certifications, g.lat, g.lon
  FROM residents r JOIN regions g ON g.code = r.region_code
  WHERE r.active AND r.unsubscribed_at IS NULL AND r.country = ANY($1::text[])
    AND r.capability_closure @> $2::text[] AND r.certifications @> $3::text[]
    AND (r.capability_closure && $4::text[] OR r.capabilities && $5::text[])`;

async function naiveQueryParameters(app: INestApplicationContext, taskId: string) {
  const db = app.get(DataSource);
  const taxonomy = await app.get(CapabilitiesService).taxonomy();
  const [task]: {
    region_code: string;
    countries: string[];
    max_distance_km: number | null;
    certifications: string[];
  }[] = await db.query(`SELECT region_code, countries, max_distance_km, certifications FROM tasks WHERE id = $1`, [
    taskId,
  ]);
  const requirements: { capability_code: string; weight: number; required: boolean }[] = await db.query(
    `SELECT capability_code, weight, required FROM task_requirements WHERE task_id = $1 ORDER BY position`,
    [taskId],
  );
  const region = (await app.get(RegionsService).get(task.region_code))!;
  const profile: TaskProfile = {
    requirements: requirements.map((r) => ({ capability: r.capability_code, weight: r.weight, required: r.required })),
    regionCode: task.region_code,
    centre: { lat: region.lat, lon: region.lon },
    countries: task.countries,
    maxDistanceKm: task.max_distance_km,
    certifications: task.certifications,
  };
  const codes = profile.requirements.map((r) => r.capability);
  const elders = new Set<string>();
  for (const code of codes) {
    const parent = taxonomy.parentOf(code);
    const grandparent = parent === null ? null : taxonomy.parentOf(parent);
    for (const elder of [parent, grandparent]) {
      if (elder !== null) {
        elders.add(elder);
      }
    }
  }
  const required = profile.requirements.filter((r) => r.required).map((r) => r.capability);
  return { profile, params: [task.countries, required, task.certifications, codes, [...elders]] };
}

function sameMatches(a: { result: MatchingResult; summary: { qualified: number } }, b: MatchingResult): boolean {
  return (
    a.summary.qualified === b.qualified &&
    a.result.matches.length === b.matches.length &&
    a.result.matches.every(
      (match, index) => match.residentId === b.matches[index].residentId && match.score === b.matches[index].score,
    )
  );
}

async function explain(db: DataSource, title: string, sql: string, params: unknown[]): Promise<void> {
  const rows: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS): ${title}`);
  console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `Matching benchmark: sizes ${options.sizes.join(', ')}; ${options.tasks} tasks per size; ` +
      `baseline on the first ${options.baselineTasks} tasks of each size; Node ${process.version}`,
  );
  const databaseUrl = await createDatabase();
  Object.assign(process.env, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DB_POOL_SIZE: '4' });
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const db = app.get(DataSource);
  const matching = app.get(TaskMatchingService);
  const index = app.get(ResidentIndex);
  const taxonomy = await app.get(CapabilitiesService).taxonomy();

  const parks: { id: string }[] = await db.query(
    `INSERT INTO technoparks (name, region_code)
     SELECT 'Bench park ' || code, code FROM regions ORDER BY code LIMIT 40 RETURNING id`,
  );
  const technoparks = parks.map((row) => row.id);
  const [{ id: enterpriseId }]: { id: string }[] = await db.query(
    `INSERT INTO enterprises (name, email) VALUES ('Bench plant', 'bench@plant.example') RETURNING id`,
  );

  let residents = 0;
  let firstTask = 0;
  const summary: string[] = [];
  for (const size of options.sizes) {
    const loadMs = await growResidents(db, residents, size, technoparks);
    residents = size;
    // Earlier sizes' tasks are closed, so that engagements stay those of one run.
    await db.query(`UPDATE tasks SET status = 'closed'`);
    const warmUp = await insertTasks(db, enterpriseId, firstTask, WARM_UP_TASKS);
    const tasks = await insertTasks(db, enterpriseId, firstTask + WARM_UP_TASKS, options.tasks);
    firstTask += WARM_UP_TASKS + options.tasks;

    const indexStarted = performance.now();
    await index.refresh(taxonomy);
    const indexMs = performance.now() - indexStarted;
    for (const id of warmUp) {
      await matching.matchTask(id, 1);
    }

    const full: number[] = [];
    const rankOnly: number[] = [];
    const naive: number[] = [];
    let tooFew = 0;
    let mismatches = 0;
    for (const [position, id] of tasks.entries()) {
      let started = performance.now();
      const ranked = (await matching.rankTask(id))!;
      rankOnly.push(performance.now() - started);
      if (ranked.summary.tooFew) {
        tooFew += 1;
      }
      if (position < options.baselineTasks) {
        started = performance.now();
        const baseline = await naiveRank(app, id);
        naive.push(performance.now() - started);
        if (!sameMatches(ranked, baseline)) {
          mismatches += 1;
          const at = ranked.result.matches.findIndex(
            (match, rank) => match.residentId !== baseline.matches[rank]?.residentId,
          );
          console.log(
            `  mismatch on task ${id}: qualified ${ranked.summary.qualified}/${baseline.qualified}, ` +
              `first difference at rank ${at + 1}: ${JSON.stringify(ranked.result.matches[at])} vs ${JSON.stringify(baseline.matches[at])}`,
          );
        }
      }
      started = performance.now();
      await matching.matchTask(id, 1);
      full.push(performance.now() - started);
    }
    const total = stats(full);
    const scan = stats(rankOnly);
    const baseline = stats(naive);
    const sameTasks = stats(rankOnly.slice(0, naive.length));
    const lines = [
      `== ${size.toLocaleString('en')} residents (loaded in ${(loadMs / 1000).toFixed(1)} s; index built in ${ms(indexMs)}; ${tooFew} of ${tasks.length} tasks too few)`,
      `  match task (scan + rank + write): p50 ${ms(total.p50)}  p95 ${ms(total.p95)}  p99 ${ms(total.p99)}  (n=${total.n})`,
      `  rank only (scan + rank):          p50 ${ms(scan.p50)}  p95 ${ms(scan.p95)}  p99 ${ms(scan.p99)}`,
      `  naive baseline (rank only):       p50 ${ms(baseline.p50)}  p95 ${ms(baseline.p95)}  p99 ${ms(baseline.p99)}  (n=${baseline.n})`,
      `  ratio naive / indexed on the same ${baseline.n} tasks: p50 ${(baseline.p50 / sameTasks.p50).toFixed(1)}x  p95 ${(baseline.p95 / sameTasks.p95).toFixed(1)}x`,
      `  matches identical to the baseline's: ${baseline.n - mismatches} of ${baseline.n}`,
      `  peak RSS so far: ${peakRssMb()} MB`,
    ];
    console.log(lines.join('\n'));
    summary.push(...lines);
  }

  // Plans at the largest size: the baseline's GIN retrieval for the most and least popular first requirement,
  // and the two queries the indexed path runs per task.
  // The task whose required capability is held most often, judged on a sample of the same generator.
  const frequency = new Map<string, number>();
  for (let sample = 0; sample < 10_000; sample++) {
    for (const code of closureOf(syntheticResident(sample).capabilities)) {
      frequency.set(code, (frequency.get(code) ?? 0) + 1);
    }
  }
  const required: { id: string; code: string }[] = await db.query(
    `SELECT q.task_id AS id, q.capability_code AS code FROM task_requirements q JOIN tasks t ON t.id = q.task_id
     WHERE q.required AND t.status <> 'closed'`,
  );
  const popular = required.sort((a, b) => (frequency.get(b.code) ?? 0) - (frequency.get(a.code) ?? 0))[0];
  if (popular) {
    const { params } = await naiveQueryParameters(app, popular.id);
    await explain(db, 'baseline GIN retrieval, a popular required capability', NAIVE_RETRIEVAL, params);
  }
  const [snapshot]: { xmax: string; xip: string[] }[] = await db.query(
    `SELECT pg_snapshot_xmax(s)::text AS xmax, ARRAY(SELECT x::text FROM pg_snapshot_xip(s) AS x) AS xip
     FROM (SELECT pg_current_snapshot() AS s) AS current`,
  );
  await explain(
    db,
    'indexed path: residents written since the last snapshot',
    `SELECT id, country, region_code, headcount, capabilities, certifications, active AND unsubscribed_at IS NULL AS eligible
     FROM residents WHERE change_xid >= $1 OR change_xid = ANY($2::bigint[])`,
    [snapshot.xmax, snapshot.xip],
  );
  const ids: { id: string }[] = await db.query(`SELECT id FROM residents ORDER BY headcount, id LIMIT 60`);
  await explain(
    db,
    'indexed path: shortlist check and open engagements',
    `SELECT r.id, (SELECT count(*)::int FROM matches m JOIN tasks t ON t.id = m.task_id
                   WHERE m.resident_id = r.id AND m.task_id <> $2 AND m.status = ANY($3::text[])
                     AND t.status IN ('open', 'matching', 'matched')) AS open
     FROM residents r WHERE r.id = ANY($1::uuid[]) AND r.active AND r.unsubscribed_at IS NULL`,
    [ids.map((row) => row.id), '00000000-0000-0000-0000-000000000000', ['approved', 'notified', 'interested']],
  );
  console.log(`\n== Summary\n${summary.join('\n')}\nPeak RSS: ${peakRssMb()} MB`);
  await app.close();
  if (!options.keepDatabase) {
    await dropDatabaseIfExists(benchDatabaseUrl());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
