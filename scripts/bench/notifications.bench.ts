import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { loadAppConfig, loadEnvFile } from '@app/config';
import { createMigratedDatabase, dropDatabaseIfExists } from '@app/database';
import {
  CLI_ACTOR,
  EnterprisesService,
  makeValidUnp,
  ResidentsService,
  TechnoparksService,
  type CreateResidentInput,
} from '@app/domain';
import { deleteQueueKeys, QueueName } from '@app/queue';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../support/free-port';

/**
 * Emails per second from `POST /api/v1/tasks` to SMTP acceptance, through the real API, outbox relay,
 * matching and notifications processors, against a local SMTP server that accepts everything at once,
 * with the email rate limit off. In the same run it measures BullMQ's own ceiling on this machine:
 * empty jobs through one worker with the notifications processor's concurrency. Prints both and
 * their ratio. Usage: `npm run bench:notifications [-- --tasks 20 --residents 500]`.
 */
const ROOT = join(__dirname, '..', '..', '..');
const MATCH_LIMIT = 100;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function legalIds(count: number): string[] {
  const ids: string[] = [];
  for (let body = 1_000_000; ids.length < count; body += 1) {
    try {
      ids.push(makeValidUnp(`1${String(body).padStart(7, '0')}`));
    } catch {
      // No valid check digit for this body.
    }
  }
  return ids;
}

/** BullMQ's ceiling: empty jobs added in bulk and processed by one worker with the given concurrency. */
async function emptyJobThroughput(redisUrl: string, prefix: string, jobs: number, concurrency: number) {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bench-empty', { connection, prefix });
  let completed = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker('bench-empty', () => Promise.resolve(), {
    connection,
    prefix,
    concurrency,
    autorun: false,
  });
  worker.on('completed', () => {
    if (++completed === jobs) {
      done();
    }
  });
  await worker.waitUntilReady();
  const started = performance.now();
  void worker.run();
  for (let offset = 0; offset < jobs; offset += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - offset) }, (_, index) => ({
        name: 'empty',
        data: { index: offset + index },
        opts: { removeOnComplete: true },
      })),
    );
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return jobs / seconds;
}

async function main(): Promise<void> {
  const tasks = argument('tasks', 20);
  const residentCount = argument('residents', 500);
  const emptyJobs = argument('empty-jobs', 20_000);
  loadEnvFile();
  const base = loadAppConfig();
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/tm_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const prefix = `tmbench-${randomBytes(4).toString('hex')}`;

  let accepted = 0;
  let firstAcceptedAt = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted += 1;
        firstAcceptedAt ||= performance.now();
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const healthPort = await freePort();

  const dataSource = await createMigratedDatabase(databaseUrl.toString(), 4);

  Object.assign(process.env, {
    DATABASE_URL: databaseUrl.toString(),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    QUEUE_PREFIX: prefix,
    NOTIFICATION_RATE_PER_SECOND: '0',
    MATCH_LIMIT: String(MATCH_LIMIT),
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    PORT: '0',
    WORKER_HEALTH_PORT: String(healthPort),
  });
  const api = await createApiApp();
  await api.listen({ port: 0, host: '127.0.0.1' });
  const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  const worker = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js')], {
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const notifications = new Queue(QueueName.Notifications, { connection: { url: base.redisUrl }, prefix });
  const matching = new Queue(QueueName.Matching, { connection: { url: base.redisUrl }, prefix });

  try {
    const park = await api.get(TechnoparksService).create({ name: 'Bench Park', regionCode: 'BY-HM' }, CLI_ACTOR);
    const ids = legalIds(residentCount);
    const residents: CreateResidentInput[] = ids.map((legalId, index) => ({
      technoparkId: park.id,
      name: `Bench Resident ${index + 1}`,
      regionCode: 'BY-HM',
      legalId,
      headcount: 10 + (index % 90),
      capabilities: ['25.62.cnc-turning'],
      emails: [`resident${index + 1}@bench.example`],
      language: index % 2 === 0 ? 'ru' : 'en',
    }));
    for (let offset = 0; offset < residents.length; offset += 500) {
      await api.get(ResidentsService).createMany(residents.slice(offset, offset + 500), CLI_ACTOR);
    }
    const { apiKey } = await api
      .get(EnterprisesService)
      .createWithApiKey({ name: 'Bench Plant', email: 'buyer@bench.example' }, CLI_ACTOR);

    // The worker is up, and the work the seed scheduled (matching new residents) is done.
    await until(
      'the worker',
      async () => (await fetch(`http://127.0.0.1:${healthPort}/health/ready`).catch(() => null))?.ok === true,
    );
    await until('an idle system', async () => {
      const [{ pending }] = await dataSource.query<{ pending: number }[]>(
        `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
      );
      const counts = await matching.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return pending === 0 && Object.values(counts).every((count) => count === 0);
    });

    const expected = tasks * Math.min(MATCH_LIMIT, residentCount);
    const acceptedBefore = accepted;
    firstAcceptedAt = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: tasks }, async (_, index) => {
        const response = await fetch(`${apiUrl}/api/v1/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({
            title: `Bench task ${index + 1}`,
            substitutes: { name: 'Valve body', manufacturer: 'Bosch Rexroth' },
            requirements: [{ capability: '25.62', weight: 1, required: true }],
            region: 'BY-HM',
            deadline: '2027-06-30',
          }),
        });
        if (response.status !== 201) {
          throw new Error(`POST /api/v1/tasks answered ${response.status}: ${await response.text()}`);
        }
      }),
    );
    await until(`${expected} emails`, () => Promise.resolve(accepted - acceptedBefore >= expected));
    const finishedAt = performance.now();
    const seconds = (finishedAt - started) / 1000;
    const emailsPerSecond = expected / seconds;
    const sendingSeconds = (finishedAt - firstAcceptedAt) / 1000;
    const [{ sent }] = await dataSource.query<{ sent: number }[]>(
      `SELECT count(*)::int AS sent FROM notifications WHERE status = 'sent'`,
    );
    await until('the last notifications marked sent', async () => {
      const [row] = await dataSource.query<{ sent: number }[]>(
        `SELECT count(*)::int AS sent FROM notifications WHERE status = 'sent'`,
      );
      return row.sent >= expected;
    });

    const jobsPerSecond = await emptyJobThroughput(base.redisUrl, prefix, emptyJobs, 10);
    console.log(
      [
        `notifications: ${tasks} tasks × ${Math.min(MATCH_LIMIT, residentCount)} matches = ${expected} emails in ${seconds.toFixed(2)} s (${sent} marked sent when the last was accepted)`,
        `  posted task → SMTP acceptance: ${emailsPerSecond.toFixed(0)} emails/s (rate limit off)`,
        `  first email accepted after ${((firstAcceptedAt - started) / 1000).toFixed(2)} s; first to last: ${(expected / sendingSeconds).toFixed(0)} emails/s`,
        `  BullMQ empty jobs (concurrency 10, same run): ${jobsPerSecond.toFixed(0)} jobs/s`,
        `  ratio: ${(emailsPerSecond / jobsPerSecond).toFixed(3)} (${((100 * emailsPerSecond) / jobsPerSecond).toFixed(1)}% of BullMQ's ceiling)`,
      ].join('\n'),
    );
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(null)));
    await notifications.close();
    await matching.close();
    await api.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await dataSource.destroy();
    await dropDatabaseIfExists(databaseUrl.toString());
    await deleteQueueKeys(base.redisUrl, prefix);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
