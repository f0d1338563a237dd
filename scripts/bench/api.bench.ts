import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SMTPServer } from 'smtp-server';
import { loadAppConfig, loadEnvFile } from '@app/config';
import { deleteQueueKeys } from '@app/queue';
import { createMigratedDatabase, dropDatabaseIfExists } from '@app/database';
import { CLI_ACTOR, EnterprisesService, TasksService, type CreateTaskInput } from '@app/domain';
import { CAPABILITIES, REGION_CODES } from '@app/reference-data';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { seedDemo } from '../demo/demo-seed';
import { freePort } from '../support/free-port';

/**
 * `npm run bench:api [-- --keep-database] [--routes=bare-post,post-task]`
 *
 * HTTP throughput of the real API next to a bare NestJS route on Fastify, in the same process and the
 * same build. Creates tm_bench_api (dropped and re-created; dropped at the end unless --keep-database),
 * seeds the demo cluster (36 technoparks, 513 residents) and 20 enterprises with API keys, pre-creates
 * tasks and lets the worker match them, then stops the worker so it does not compete for the CPU.
 * autocannon runs in a worker thread (its own event loop) with 50 connections, pipelining 1, a 2 s
 * warm-up and 10 s measured per route: bare GET, bare POST, `POST /api/v1/tasks` (rotating keys and
 * bodies; each request writes a task, its requirements and an outbox row) and
 * `GET /api/v1/tasks/:id/matches`. The per-credential rate limit is raised with RATE_LIMIT_PER_MINUTE.
 * CPU per request while measuring, in µs: "server" is the servers' thread, "stores" every PostgreSQL and Redis
 * process (from /proc), "load" autocannon's thread. Unlike req/s they change little when other work loads the
 * machine, and on this saturated machine their sums bound the ratio of two routes: the report shows what the
 * ratio target leaves for the server once the stores and the load generator have had their share.
 * `--routes=` runs only the named kinds (bare-get, bare-post, post-task, get-matches), e.g. for a profile.
 * A benchmark, not a test: it exits 0 whether or not the targets are met, 1 on errors.
 */

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE = process.env.BENCH_DATABASE ?? 'tm_bench_api';
const ENTERPRISES = 20;
const TASKS_PER_ENTERPRISE = 5;
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 10;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;

interface LoadSpec {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  kind: 'bare-get' | 'bare-post' | 'post-task' | 'get-matches';
  keys: string[];
  tasks: { id: string; key: string }[];
  capabilities: string[];
  regions: string[];
}

interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time of the main (server) thread per request while measuring. */
  serverMicrosPerRequest?: number;
  /** CPU time of the load generator's thread per request while measuring. */
  loadMicrosPerRequest?: number;
  /** CPU time of the stores' processes (PostgreSQL and Redis) per request while measuring (Linux only). */
  storesMicrosPerRequest?: number;
}

// ---------- the load generator (worker thread) ----------

const TITLES = ['Valve body', 'Gear housing', 'Bearing cage', 'Controller board', 'Pump impeller', 'Sensor casing'];
const MAKERS = ['Bosch Rexroth', 'Siemens', 'SEW-Eurodrive', 'SKF', 'Festo', 'Schneider Electric'];

function taskBody(spec: LoadSpec, n: number): string {
  const pick = <T>(values: readonly T[], offset = 0) => values[(n * 7 + offset) % values.length];
  const first = pick(spec.capabilities);
  const second = pick(spec.capabilities, 13);
  const requirements: { capability: string; weight: number; required?: boolean }[] = [
    { capability: first, weight: 1, required: true },
  ];
  if (second !== first && n % 2 === 0) {
    requirements.push({ capability: second, weight: 0.5 });
  }
  const title = pick(TITLES);
  return JSON.stringify({
    title: `${title} #${n}, batch ${n % 97}`,
    description: `Previously imported ${title.toLowerCase()}; drawings and samples on request. Lot ${n}.`,
    substitutes: { name: title, manufacturer: pick(MAKERS, 3), partNumber: `PN-${(n * 7919) % 100_000}` },
    requirements,
    region: pick(spec.regions, 5),
    quantity: 50 + (n % 20) * 50,
    budget: { amount: 10_000 + (n % 50) * 1000, currency: n % 3 === 0 ? 'USD' : 'BYN' },
    deadline: '2027-06-30',
  });
}

function requestsFor(spec: LoadSpec): autocannon.Request[] {
  let n = 0;
  switch (spec.kind) {
    case 'bare-get':
      return [{ method: 'GET', path: '/bare' }];
    case 'bare-post':
      return [
        {
          method: 'POST',
          path: '/bare',
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: `Bare ${++n}`, quantity: n % 100 }),
          }),
        },
      ];
    case 'post-task':
      return [
        {
          method: 'POST',
          path: '/api/v1/tasks',
          setupRequest: (request) => {
            n += 1;
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${spec.keys[n % spec.keys.length]}`,
              },
              body: taskBody(spec, n),
            };
          },
        },
      ];
    case 'get-matches':
      return [
        {
          method: 'GET',
          path: '/',
          setupRequest: (request) => {
            const task = spec.tasks[(n += 1) % spec.tasks.length];
            return {
              ...request,
              path: `/api/v1/tasks/${task.id}/matches`,
              headers: { authorization: `Bearer ${task.key}` },
            };
          },
        },
      ];
  }
}

/** autocannon only aggregates its histograms on the main thread; this runs in a worker thread. */
const aggregate = (results: unknown[], options: autocannon.Options) =>
  (
    autocannon as unknown as {
      aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result;
    }
  ).aggregateResult(results, options);

async function load(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  const options: autocannon.Options = {
    url: spec.url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: requestsFor(spec),
  };
  const raw = await autocannon(options);
  return isMainThread ? raw : aggregate([raw], options);
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  await load(spec, WARM_UP_SECONDS);
  parentPort?.postMessage('measuring');
  const start = process.threadCpuUsage();
  const result = await load(spec, DURATION_SECONDS);
  const used = process.threadCpuUsage(start);
  return {
    loadMicrosPerRequest: (used.user + used.system) / result.requests.total,
    name: spec.name,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * CPU time (µs) used so far by the processes named `postgres` or `redis-server` on this machine, from /proc;
 * undefined where there is no /proc. Backends that exit during the window take their time with them, so this
 * undercounts slightly.
 */
const STORES = new Set(['postgres', 'redis-server']);

function storesCpuMicros(): number | undefined {
  if (!existsSync('/proc/self/stat')) {
    return undefined;
  }
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!STORES.has(stat.slice(stat.indexOf('(') + 1, close))) {
        continue;
      }
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we read it
    }
  }
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** Runs one load in a worker thread, so the load generator does not share the servers' event loop. */
function runInThread(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(__filename, { workerData: spec });
    let start: NodeJS.CpuUsage | undefined;
    let storesStart: number | undefined;
    thread.on('message', (message: LoadResult | 'measuring') => {
      if (message === 'measuring') {
        start = process.threadCpuUsage();
        storesStart = storesCpuMicros();
        return;
      }
      const used = start ? process.threadCpuUsage(start) : undefined;
      const storesEnd = storesCpuMicros();
      resolve({
        ...message,
        serverMicrosPerRequest: used ? (used.user + used.system) / message.total : undefined,
        storesMicrosPerRequest:
          storesStart === undefined || storesEnd === undefined
            ? undefined
            : Math.max(0, storesEnd - storesStart) / message.total,
      });
    });
    thread.once('error', reject);
    thread.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load thread exited with ${code}`))));
  });
}

// ---------- the servers, the data and the report (main thread) ----------

/** A route left out with --routes: its row shows dashes. */
const skipped = (spec: LoadSpec): LoadResult => ({
  name: spec.name,
  requestsPerSecond: NaN,
  p50: NaN,
  p99: NaN,
  total: 0,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
});

@Controller('bare')
class BareController {
  @Get()
  get(): { ok: boolean } {
    return { ok: true };
  }

  @Post()
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** CPU per request of every process taking part, in µs: the servers' thread, the stores and the load generator. */
function cpuPerRequest(result: LoadResult): { server: number; stores: number; load: number; total: number } {
  const server = result.serverMicrosPerRequest ?? NaN;
  const stores = result.storesMicrosPerRequest ?? 0;
  const load = result.loadMicrosPerRequest ?? NaN;
  return { server, stores, load, total: server + stores + load };
}

/**
 * When the machine's cores are saturated, as they are here, req/s is the inverse of the CPU one request costs all
 * processes together. That bounds the ratio whatever the server does, and shows what the target leaves for it.
 */
function cpuBudget(bare: LoadResult, route: LoadResult): string[] {
  if (Number.isNaN(bare.requestsPerSecond) || Number.isNaN(route.requestsPerSecond)) {
    return [];
  }
  const reference = cpuPerRequest(bare);
  const measured = cpuPerRequest(route);
  const budget = reference.total / TARGET_RATIO;
  const us = (value: number) => value.toFixed(0);
  return [
    `CPU per request, all processes (µs): ${bare.name} ${us(reference.server)} server + ${us(reference.stores)} ` +
      `PostgreSQL/Redis + ${us(reference.load)} load generator = ${us(reference.total)}; ${route.name} ` +
      `${us(measured.server)} + ${us(measured.stores)} + ${us(measured.load)} = ${us(measured.total)}`,
    `with the cores saturated, ${route.name} can reach ${((100 * reference.total) / measured.total).toFixed(1)}% of ` +
      `${bare.name}. At ${100 * TARGET_RATIO}% a posted task could cost ${us(budget)} µs in all: the stores' ` +
      `${us(measured.stores)} µs and the load generator's ${us(measured.load)} µs leave ` +
      `${us(budget - measured.stores - measured.load)} µs for the server, which spends ${us(measured.server)} µs.`,
  ];
}

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

const address = (app: NestFastifyApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

function preTask(index: number, capabilities: string[], regions: string[]): CreateTaskInput {
  return {
    title: `Pre-created task ${index + 1}`,
    substitutes: { name: TITLES[index % TITLES.length], manufacturer: MAKERS[index % MAKERS.length] },
    requirements: [{ capability: capabilities[(index * 7) % capabilities.length], weight: 1, required: true }],
    region: regions[(index * 5) % regions.length],
    certifications: [],
    deadline: '2027-06-30',
  };
}

async function main(): Promise<void> {
  const keepDatabase = process.argv.includes('--keep-database');
  loadEnvFile();
  const base = loadAppConfig();
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${DATABASE}`;
  const prefix = `tmbench-api-${randomBytes(3).toString('hex')}`;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const healthPort = await freePort();

  const dataSource = await createMigratedDatabase(databaseUrl.toString(), 2);

  Object.assign(process.env, {
    DATABASE_URL: databaseUrl.toString(),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    QUEUE_PREFIX: prefix,
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    PORT: '0',
    WORKER_HEALTH_PORT: String(healthPort),
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const api = await createApiApp();
  await api.listen({ port: 0, host: '127.0.0.1' });
  const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  let worker: ReturnType<typeof spawn> | undefined;

  try {
    const seeded = await seedDemo(api);
    const enterprises = await Promise.all(
      Array.from({ length: ENTERPRISES }, (_, index) =>
        api
          .get(EnterprisesService)
          .createWithApiKey(
            { name: `Bench Plant ${index + 1}`, email: `buyer${index + 1}@bench-plant.example` },
            CLI_ACTOR,
          ),
      ),
    );
    const capabilities = CAPABILITIES.map((node) => node.code).filter((code) => /^\d{2}(\.\d+)*$/.test(code));
    const regions = [...REGION_CODES];
    const tasks: { id: string; key: string }[] = [];
    for (const [e, { enterprise, apiKey }] of enterprises.entries()) {
      for (let t = 0; t < TASKS_PER_ENTERPRISE; t += 1) {
        const created = await api
          .get(TasksService)
          .create(enterprise.id, preTask(e * TASKS_PER_ENTERPRISE + t, capabilities, regions));
        tasks.push({ id: created.task.id, key: apiKey });
      }
    }

    // Let the worker match the pre-created tasks (and the seed's residents), then stop it.
    worker = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js')], {
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const ids = tasks.map((task) => task.id);
    const matched = await until(async () => {
      const [{ pending }] = await dataSource.query<{ pending: number }[]>(
        `SELECT count(*)::int AS pending FROM tasks WHERE id = ANY($1) AND matched_at IS NULL`,
        [ids],
      );
      return pending === 0;
    }, 180_000);
    const [{ matches, withMatches }] = await dataSource.query<{ matches: number; withMatches: number }[]>(
      `SELECT count(*)::int AS matches, count(DISTINCT task_id)::int AS "withMatches" FROM matches WHERE task_id = ANY($1)`,
      [ids],
    );
    worker.kill('SIGTERM');
    await new Promise((resolve) => (worker!.exitCode === null ? worker!.once('exit', resolve) : resolve(null)));
    worker = undefined;

    const common = { keys: enterprises.map((e) => e.apiKey), tasks, capabilities, regions };
    const specs: LoadSpec[] = [
      { name: 'GET /bare', url: address(bare), method: 'GET', kind: 'bare-get', ...common },
      { name: 'POST /bare', url: address(bare), method: 'POST', kind: 'bare-post', ...common },
      { name: 'POST /api/v1/tasks', url: address(api), method: 'POST', kind: 'post-task', ...common },
      { name: 'GET /api/v1/tasks/:id/matches', url: address(api), method: 'GET', kind: 'get-matches', ...common },
    ];
    const only = process.argv
      .find((arg) => arg.startsWith('--routes='))
      ?.slice('--routes='.length)
      .split(',');
    const results: LoadResult[] = [];
    for (const spec of specs) {
      results.push(only && !only.includes(spec.kind) ? skipped(spec) : await runInThread(spec));
    }

    // autocannon closed its sockets with requests in flight; let the servers finish them before closing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [bareGet, barePost, postTask, getMatches] = results;
    const ratio = (route: LoadResult, reference: LoadResult) => route.requestsPerSecond / reference.requestsPerSecond;
    const row = (cells: string[]) =>
      cells.map((cell, index) => (index === 0 ? cell.padEnd(32) : cell.padStart(10))).join(' ');
    const lines = [
      `api bench: ${seeded.residents} residents in ${seeded.technoparks} technoparks, ${ENTERPRISES} enterprises, ` +
        `${tasks.length} pre-created tasks (${withMatches} with matches, ${matches} matches${matched ? '' : ', matching timed out'})`,
      `autocannon: ${CONNECTIONS} connections, pipelining 1, ${WARM_UP_SECONDS} s warm-up + ${DURATION_SECONDS} s per route, in a worker thread; ` +
        `API DB_POOL_SIZE=${base.dbPoolSize}, LOG_LEVEL=${process.env.LOG_LEVEL}`,
      '',
      row([
        'route',
        'req/s',
        'p50 ms',
        'p99 ms',
        'requests',
        'non-2xx',
        'errors',
        'server µs',
        'stores µs',
        'load µs',
        'vs bare',
      ]),
      ...[
        [bareGet, undefined],
        [barePost, undefined],
        [postTask, barePost],
        [getMatches, bareGet],
      ].map(([result, reference]) =>
        row([
          result!.name,
          result!.requestsPerSecond.toFixed(0),
          String(result!.p50),
          String(result!.p99),
          String(result!.total),
          String(result!.non2xx),
          String(result!.errors + result!.timeouts),
          result!.serverMicrosPerRequest?.toFixed(0) ?? '—',
          result!.storesMicrosPerRequest?.toFixed(0) ?? '—',
          result!.loadMicrosPerRequest?.toFixed(0) ?? '—',
          reference ? `${(100 * ratio(result!, reference)).toFixed(1)}%` : '—',
        ]),
      ),
      '',
      ...cpuBudget(barePost, postTask),
      '',
      `target: POST /api/v1/tasks ≥ ${100 * TARGET_RATIO}% of POST /bare: ${(100 * ratio(postTask, barePost)).toFixed(1)}% ` +
        (ratio(postTask, barePost) >= TARGET_RATIO ? 'PASS' : 'MISS'),
      `target: POST /api/v1/tasks p99 < ${TARGET_P99_MS} ms at that load: ${postTask.p99} ms ` +
        (postTask.p99 < TARGET_P99_MS ? 'PASS' : 'MISS'),
    ];
    console.log(lines.join('\n'));
    if (results.some((result) => result.errors + result.timeouts + result.non2xx > 0)) {
      console.error('errors or non-2xx answers during the load: see the table');
      process.exitCode = 1;
    }
  } finally {
    if (worker) {
      worker.kill('SIGTERM');
    }
    await bare.close();
    await api.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await dataSource.destroy();
    if (!keepDatabase) {
      await dropDatabaseIfExists(databaseUrl.toString());
    }
    await deleteQueueKeys(base.redisUrl, prefix);
  }
}

if (isMainThread) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  runLoad(workerData as LoadSpec).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
