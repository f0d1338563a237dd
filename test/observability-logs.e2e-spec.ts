import { freePort } from '../scripts/support/free-port';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { MACHINING_TASK } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';
import { buildApps, spawnApp, type WorkerProcess } from './support/worker-process';

interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  job?: { id: string; name: string; queue: string; attempt: number };
  req?: { id: string; method: string; url: string; headers?: Record<string, string> };
  res?: { statusCode: number };
}

/** Every JSON line an app wrote to stdout (pino); anything else (there should be nothing) is ignored. */
const logLines = (app: WorkerProcess): LogLine[] =>
  app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/**
 * The operators' logs, read from the real processes' stdout at LOG_LEVEL=info: one request id from the HTTP
 * request to the job it caused, request logs without health and metrics probes, and no credentials.
 */
describe('structured logs of the running apps', () => {
  let system: SystemUnderTest;
  let build: ReturnType<typeof buildApps>;
  let api: WorkerProcess;
  let worker: WorkerProcess;
  let apiUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    build = buildApps();
    system = await startSystem({ worker: false });
    const park = await createTechnopark(system.api);
    await createResident(system.api, {
      technoparkId: park.id,
      capabilities: ['25.62.cnc-turning'],
      emails: ['turner@logs.example'],
    });
    apiKey = (await createEnterprise(system.api)).apiKey;
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    api = spawnApp(build.apiMain, { LOG_LEVEL: 'info', PORT: String(port) });
    worker = spawnApp(build.workerMain, { LOG_LEVEL: 'info', WORKER_HEALTH_PORT: String(await freePort()) });
    await waitFor(
      'the spawned API',
      async () => ((await fetch(`${apiUrl}/health/live`)).ok ? true : undefined),
      60_000,
    );
  }, 180_000);

  afterAll(async () => {
    for (const app of [api, worker].filter((candidate) => candidate?.running())) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await system?.close();
    build?.remove();
  });

  it('carries the request id of POST /tasks into the matching job, and keeps probes and credentials out', async () => {
    await fetch(`${apiUrl}/health/ready`);
    await fetch(`${apiUrl}/metrics`);
    const requestId = 'trace-7f3a-logs';
    const response = await fetch(`${apiUrl}/api/v1/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'x-request-id': requestId },
      body: JSON.stringify(MACHINING_TASK),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const { id: taskId } = (await response.json()) as { id: string };

    const matched = await waitFor(
      'the worker to log the matching of the task',
      () => Promise.resolve(logLines(worker).find((line) => line.msg?.startsWith(`Task ${taskId} v1:`))),
      60_000,
    );
    expect(matched).toMatchObject({ requestId, job: { name: 'task.match', queue: 'matching', attempt: 1 } });
    expect(matched.job!.id).toBe(`match-task-${taskId}-v1`);

    const requestLog = await waitFor('the request log line', () =>
      Promise.resolve(logLines(api).find((line) => line.req?.id === requestId && line.res !== undefined)),
    );
    expect(requestLog).toMatchObject({ req: { method: 'POST', url: '/api/v1/tasks' }, res: { statusCode: 201 } });
    expect(requestLog.req).not.toHaveProperty('headers');

    const requestUrls = logLines(api).flatMap((line) => (line.req ? [line.req.url] : []));
    expect(requestUrls).toContain('/api/v1/tasks');
    expect(requestUrls.filter((url) => url.startsWith('/health') || url === '/metrics')).toEqual([]);
    for (const output of [api.output(), worker.output()]) {
      expect(output).not.toContain(apiKey);
      expect(output).not.toContain(process.env.APP_SECRET);
    }
  });
});
