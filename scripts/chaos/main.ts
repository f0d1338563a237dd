import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { loadAppConfig, loadEnvFile } from '@app/config';
import { createMigratedDatabase, dropDatabaseIfExists } from '@app/database';
import { CLI_ACTOR, EnterprisesService } from '@app/domain';
import { deleteQueueKeys, JobName, QueueName } from '@app/queue';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { seedDemo } from '../demo/demo-seed';
import { ChaosSmtpServer } from './chaos-smtp-server';
import { countFigures, CRASH_WINDOW_MS, formatFigures, problemsOf, type QueueBacklog } from './chaos-report';
import { FaultInjector, HARNESS_APPLICATION_NAME } from './faults';
import { freePort } from '../support/free-port';
import { AppProcess, RedisProcess, sleep } from './processes';
import { postTaskStream } from './task-stream';

/**
 * `npm run chaos [-- --short] [-- --tasks=N] [-- --keep-database]`
 *
 * The chaos run (issue 7): the built API and two built workers as child processes, against a fresh
 * database (tm_chaos), a private redis-server without persistence and an in-process SMTP server. It
 * posts a stream of tasks (500; 60 with --short) through the REST API with Idempotency-Keys, and
 * meanwhile, in rotation, SIGKILLs a worker while emails are in flight and starts it again, restarts
 * Redis (it comes back empty), makes the SMTP server refuse connections, restarts the API, and cuts every
 * connection the apps hold to PostgreSQL (as a failover does). Then it
 * waits for the system to settle and counts: tasks accepted vs matched, matches that should be
 * notified vs emails received, duplicates (inside and outside the documented crash window) and
 * anything stuck. Exits 1 on loss, stuck work or a duplicate outside the crash window.
 */

/** The build's root (`dist/`): this file runs as dist/scripts/chaos/main.js, next to dist/apps. */
const BUILD = join(__dirname, '..', '..');
const DATABASE = process.env.CHAOS_DATABASE ?? 'tm_chaos';
const ENTERPRISES = 5;
const SCHEDULED_JOBS: string[] = [JobName.SendDailyDigests, JobName.SweepNotifications];

interface RunOptions {
  tasks: number;
  ratePerSecond: number;
  faultPauseMs: number;
  smtpOutageMs: number;
  settleTimeoutMs: number;
  keepDatabase: boolean;
}

function parseOptions(argv: string[]): RunOptions {
  const short = argv.includes('--short');
  const tasksArg = argv.find((arg) => arg.startsWith('--tasks='));
  const tasks = tasksArg ? Number(tasksArg.slice('--tasks='.length)) : short ? 60 : 500;
  if (!Number.isInteger(tasks) || tasks < 1) {
    throw new Error(`--tasks must be a positive integer, got ${tasksArg}`);
  }
  return {
    tasks,
    ratePerSecond: short ? 1 : 2.5,
    faultPauseMs: short ? 4000 : 8000,
    smtpOutageMs: 8000,
    settleTimeoutMs: short ? 5 * 60_000 : 12 * 60_000,
    keepDatabase: argv.includes('--keep-database'),
  };
}

const startedAt = Date.now();
function log(line: string): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  console.log(`[${new Date().toISOString().slice(11, 23)} +${seconds}s] ${line}`);
}

async function queueBacklog(redisPort: number, prefix: string): Promise<QueueBacklog> {
  const backlog: QueueBacklog = { waiting: 0, active: 0, delayed: 0 };
  for (const name of Object.values(QueueName)) {
    const queue = new Queue(name, { connection: { host: '127.0.0.1', port: redisPort }, prefix });
    try {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'waiting-children');
      backlog.waiting += counts.waiting + counts.prioritized + counts['waiting-children'];
      backlog.active += counts.active;
      // The job schedulers' next runs (daily digest, sweep) are always delayed: not a backlog.
      const delayed = await queue.getDelayed(0, -1);
      backlog.delayed += delayed.filter((job) => !SCHEDULED_JOBS.includes(job.name)).length;
    } finally {
      await queue.close();
    }
  }
  return backlog;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  loadEnvFile();
  const base = loadAppConfig();
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${DATABASE}`;
  const prefix = `tmchaos-${randomBytes(3).toString('hex')}`;
  const logDir = mkdtempSync(join(tmpdir(), 'technomatch-chaos-'));

  const cleanups: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        await step().catch((error: unknown) => console.error(`clean-up step failed: ${String(error)}`));
      }
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    cleanups.push(() => redis.close());
    // The server is private and goes with the run; the keys are deleted anyway, unless it is down right now.
    cleanups.push(() => Promise.race([deleteQueueKeys(redis.url, prefix).catch(() => undefined), sleep(5000)]));
    const smtp = new ChaosSmtpServer();
    await smtp.accept();
    cleanups.push(() => smtp.stop());

    if (!options.keepDatabase) {
      cleanups.push(() => dropDatabaseIfExists(databaseUrl.toString()));
    }
    // The run's own connections carry a name of their own, so that the db-disconnect fault spares them.
    const harnessUrl = new URL(databaseUrl);
    harnessUrl.searchParams.set('application_name', HARNESS_APPLICATION_NAME);
    const dataSource = await createMigratedDatabase(harnessUrl.toString(), 4);
    cleanups.push(() => dataSource.destroy());

    const apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'TechnoMatch <no-reply@technomatch.chaos>',
      PUBLIC_BASE_URL: 'http://technomatch.chaos',
      QUEUE_PREFIX: prefix,
      PORT: String(apiPort),
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      OUTBOX_POLL_MS: '100',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Backoff 2, 4, 8, 16, 32 s: rides out the SMTP outages; shorter than the stuck threshold below.
      NOTIFICATION_ATTEMPTS: '6',
      // Redis comes back empty: the sweeps give lost jobs back; the defaults (15 min, every 5 min) are too slow here.
      SWEEP_EVERY_MS: '10000',
      STUCK_AFTER_SECONDS: '90',
      DB_POOL_SIZE: '6',
    };

    // The seed and the enterprises, written through the domain services of an API app in this process.
    Object.assign(process.env, env);
    const seeder = await createApiApp();
    const seeded = await seedDemo(seeder);
    const enterprises = [];
    for (let index = 0; index < ENTERPRISES; index += 1) {
      enterprises.push(
        await seeder
          .get(EnterprisesService)
          .createWithApiKey(
            { name: `Chaos Plant ${index + 1}`, email: `buyer${index + 1}@chaos-plant.example` },
            CLI_ACTOR,
          ),
      );
    }
    await seeder.close();
    // The seed's sample tasks are not part of the count.
    await dataSource.query(`UPDATE tasks SET status = 'closed' WHERE enterprise_id = $1`, [seeded.enterpriseId]);
    const capabilities = (
      await dataSource.query<{ code: string }[]>(
        `SELECT c.code FROM capabilities c JOIN residents r ON r.capability_closure @> ARRAY[c.code::text]
         WHERE r.active AND r.country IN ('BY', 'RU') GROUP BY c.code HAVING count(*) BETWEEN 3 AND 60 ORDER BY c.code`,
      )
    ).map((row) => row.code);
    const regions = (
      await dataSource.query<{ region_code: string }[]>(
        `SELECT DISTINCT region_code FROM residents WHERE country IN ('BY', 'RU') ORDER BY region_code`,
      )
    ).map((row) => row.region_code);
    log(
      `seeded ${seeded.residents} residents in ${seeded.technoparks} technoparks, ${ENTERPRISES} enterprises; ` +
        `${capabilities.length} capabilities and ${regions.length} regions to post tasks for`,
    );

    const dist = join(BUILD, 'apps');
    const api = new AppProcess(
      'api',
      join(dist, 'api', 'src', 'main.js'),
      env,
      `http://127.0.0.1:${apiPort}/health/live`,
      join(logDir, 'api.log'),
    );
    const workers: AppProcess[] = [];
    for (const name of ['worker-1', 'worker-2']) {
      const healthPort = await freePort();
      workers.push(
        new AppProcess(
          name,
          join(dist, 'worker', 'src', 'main.js'),
          { ...env, WORKER_HEALTH_PORT: String(healthPort) },
          `http://127.0.0.1:${healthPort}/health/live`,
          join(logDir, `${name}.log`),
        ),
      );
    }
    cleanups.push(async () => {
      for (const child of [api, ...workers]) {
        await child.close();
      }
    });
    await Promise.all([api.start(), ...workers.map((worker) => worker.start())]);
    log(
      `api :${apiPort}, 2 workers, redis-server :${redis.port}, SMTP ${smtp.url}, database ${DATABASE}, ` +
        `queue prefix ${prefix}; logs in ${logDir}`,
    );

    const activity = { requestsInFlight: 0 };
    const faults = new FaultInjector(
      { dataSource, api, workers, redis, smtp, log, activity },
      options.faultPauseMs,
      options.smtpOutageMs,
    );
    let posting = true;
    log(`posting ${options.tasks} tasks at ${options.ratePerSecond}/s while injecting faults`);
    const [stream] = await Promise.all([
      postTaskStream({
        apiUrl: () => `http://127.0.0.1:${apiPort}`,
        apiKeys: enterprises.map((enterprise) => enterprise.apiKey),
        capabilities,
        regions,
        count: options.tasks,
        ratePerSecond: options.ratePerSecond,
        concurrency: 16,
        keyPrefix: `chaos-${prefix}`,
        giveUpAfterMs: 120_000,
        log,
        activity,
      }).finally(() => {
        posting = false;
      }),
      faults.run(() => !posting),
    ]);
    log(
      `posting done in ${((stream.finishedAt - stream.startedAt) / 1000).toFixed(0)} s: ${stream.accepted.size} accepted, ` +
        `${stream.requests} requests, ${stream.retries} retries, ${stream.replayed} replayed answers`,
    );

    // Settle: nothing unpublished, pending, in flight or queued, twice in a row.
    const settleStart = Date.now();
    let quiet = 0;
    let backlog: QueueBacklog = { waiting: 0, active: 0, delayed: 0 };
    const enterpriseIds = enterprises.map((enterprise) => enterprise.enterprise.id);
    while (Date.now() - settleStart < options.settleTimeoutMs) {
      const [state] = await dataSource.query<{ outbox: number; tasks: number; notifications: number }[]>(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS outbox,
                (SELECT count(*) FROM tasks WHERE enterprise_id = ANY($1) AND status IN ('open', 'matching'))::int AS tasks,
                (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending'))::int AS notifications`,
        [enterpriseIds],
      );
      backlog = await queueBacklog(redis.port, prefix);
      const pending =
        state.outbox + state.tasks + state.notifications + backlog.waiting + backlog.active + backlog.delayed;
      quiet = pending === 0 ? quiet + 1 : 0;
      if (quiet >= 2) {
        break;
      }
      if ((Date.now() - settleStart) % 20_000 < 2000) {
        log(
          `settling: outbox ${state.outbox}, tasks open/matching ${state.tasks}, notifications queued/sending ` +
            `${state.notifications}, jobs waiting ${backlog.waiting} active ${backlog.active} delayed ${backlog.delayed}`,
        );
      }
      await sleep(2000);
    }
    const settled = quiet >= 2;
    log(settled ? `settled after ${((Date.now() - settleStart) / 1000).toFixed(0)} s` : 'did NOT settle in time');
    await sleep(1000);

    const figures = await countFigures(
      dataSource,
      stream,
      options.tasks,
      smtp.byMessageId(),
      faults.workerKills,
      backlog,
      enterpriseIds,
    );
    const faultCounts = Object.entries(
      faults.records.reduce<Record<string, number>>((counts, fault) => {
        counts[fault.kind] = (counts[fault.kind] ?? 0) + 1;
        return counts;
      }, {}),
    )
      .map(([kind, count]) => `${kind} ×${count}`)
      .join(', ');
    console.log(
      [
        '',
        `chaos run: ${options.tasks} tasks, faults: ${faultCounts}`,
        `crash window: a duplicate counts as inside it when its notification was sending at a worker's SIGKILL ` +
          `and first reached the SMTP server at most ${CRASH_WINDOW_MS / 1000} s before it`,
        formatFigures(figures),
      ].join('\n'),
    );
    const problems = problemsOf(figures);
    for (const detail of [...figures.lost, ...figures.duplicatesOutsideWindow].slice(0, 20)) {
      console.log(`  ${detail}`);
    }
    if (!settled) {
      problems.push('the system did not settle');
    }
    console.log(problems.length === 0 ? '\nPASS' : `\nFAIL: ${problems.join('; ')}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
