import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { apiClient, type ApiCall } from '../support/api-client';
import { freePort, spawnApp, waitUntilServing, type AppProcess } from '../support/app-process';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';
import { buildApps } from '../support/worker-process';

const CSRF_INPUT = /name="_csrf" value="([^"]+)"/;
/** The secrets the suite hands to the system, by name; each has a test of its own. */
const SAFE = [
  'APP_SECRET',
  'SMTP password',
  'admin password',
  'wrong password',
  'new user password',
  'staff token',
  'API key',
  'second API key',
  'webhook secret',
  'sign-in CSRF token',
  'CSRF token',
];
/** Leaks this suite found and that were fixed; each keeps its own test below. */
const FOUND_LEAKING = ['session cookie', 'pre-session nonce', 'answer token'];

const unique = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * The real logger configuration (apps/api/src/app.module.ts and the worker's, redaction included) at
 * LOG_LEVEL=debug: the built API and worker run as child processes, and every line they print is
 * searched for each secret the system handled meanwhile.
 */
describe('security: secrets never reach the logs', () => {
  let system: SystemUnderTest;
  let build: ReturnType<typeof buildApps>;
  let api: AppProcess;
  let worker: AppProcess;
  let smtp: SMTPServer;
  let hooks: Server;
  let logs = '';
  const received: ParsedMail[] = [];
  const secrets: Record<string, string> = {
    APP_SECRET: unique('app-secret'),
    'SMTP password': unique('smtp-password'),
    'admin password': unique('admin-password'),
    'wrong password': unique('wrong-password'),
  };

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    build = buildApps();
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.password === secrets['SMTP password']
          ? callback(null, { user: auth.username })
          : callback(new Error('no')),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            received.push(parsed);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hooks = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const env = {
      LOG_LEVEL: 'debug',
      APP_SECRET: secrets.APP_SECRET,
      SMTP_URL: `smtp://mailer:${secrets['SMTP password']}@127.0.0.1:${(smtp.server.address() as { port: number }).port}`,
      PORT: String(port),
      WORKER_HEALTH_PORT: String(await freePort()),
    };
    api = spawnApp(join(build.workerMain, '..', '..', '..', 'api', 'src', 'main.js'), env);
    worker = spawnApp(build.workerMain, env);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilServing(`${baseUrl}/health/live`, api);
    await exercise(apiClient(baseUrl), baseUrl, (hooks.address() as { port: number }).port);
    // The last requests' lines are written asynchronously: wait for them, then stop both apps.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await api.stop();
    await worker.stop();
    logs = api.output() + worker.output();
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    build?.remove();
    await new Promise((resolve) => smtp?.close(() => resolve(undefined)));
    await new Promise((resolve) => hooks?.close(resolve));
    await system?.close();
  });

  /** Does what users do, through the child API, collecting each secret it hands out or takes in. */
  async function exercise(call: ApiCall, baseUrl: string, hookPort: number) {
    // The first admin comes from the CLI's service; everything after goes through HTTP.
    const { UsersService, CLI_ACTOR } = await import('@app/domain');
    const adminEmail = `${unique('admin')}@park.example`;
    await system.api
      .get(UsersService)
      .create({ email: adminEmail, password: secrets['admin password'], role: 'admin', technoparkIds: [] }, CLI_ACTOR);
    await call('POST', '/api/v1/auth/login', { body: { email: adminEmail, password: secrets['wrong password'] } });
    const login = await call('POST', '/api/v1/auth/login', {
      body: { email: adminEmail, password: secrets['admin password'] },
    });
    expect(login.status).toBe(200);
    secrets['staff token'] = login.body.token;
    const token = login.body.token as string;
    const coordinatorPassword = unique('coordinator-password');
    secrets['new user password'] = coordinatorPassword;
    expect(
      (
        await call('POST', '/api/v1/users', {
          token,
          body: { email: `${unique('c')}@park.example`, password: coordinatorPassword, role: 'admin' },
        })
      ).status,
    ).toBe(201);

    const park = await call('POST', '/api/v1/technoparks', { token, body: { name: 'Log Park', region: 'BY-HM' } });
    const resident = await call('POST', '/api/v1/residents', {
      token,
      body: {
        technoparkId: park.body.id,
        name: 'Log Machining',
        region: 'BY-HM',
        legalId: '100000007',
        headcount: 10,
        capabilities: ['25.62.cnc-turning'],
        emails: ['logs@firm.example'],
        language: 'en',
      },
    });
    expect(resident.status).toBe(201);
    const enterprise = await call('POST', '/api/v1/enterprises', {
      token,
      body: { name: 'Log Plant', email: 'log@plant.example' },
    });
    secrets['API key'] = enterprise.body.apiKey;
    const webhook = await call('PUT', `/api/v1/enterprises/${enterprise.body.id}/webhook`, {
      token,
      body: { url: `http://127.0.0.1:${hookPort}/hook` },
    });
    secrets['webhook secret'] = webhook.body.webhookSecret;
    const second = await call('POST', `/api/v1/enterprises/${enterprise.body.id}/api-keys`, {
      token,
      body: { name: 'ci' },
    });
    secrets['second API key'] = second.body.apiKey;
    await call('DELETE', `/api/v1/api-keys/${second.body.id}`, { token });
    await call('GET', '/api/v1/tasks', { token: second.body.apiKey });

    const task = await call('POST', '/api/v1/tasks', {
      token: enterprise.body.apiKey,
      body: {
        title: 'Logged valve body',
        substitutes: { name: 'Valve body' },
        requirements: [{ capability: '25.62', weight: 1, required: true }],
        region: 'BY-HM',
      },
    });
    expect(task.status).toBe(201);
    await call('GET', `/api/v1/tasks/${task.body.id}/matches`, { token: enterprise.body.apiKey });

    // The dashboard: sign in through the form, use the session cookie and a CSRF token.
    const form = await fetch(`${baseUrl}/admin/login`);
    const nonce = /tm_presession=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1];
    secrets['pre-session nonce'] = nonce;
    secrets['sign-in CSRF token'] = CSRF_INPUT.exec(await form.text())![1];
    const signedIn = await fetch(`${baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tm_presession=${nonce}` },
      body: new URLSearchParams({
        _csrf: secrets['sign-in CSRF token'],
        email: adminEmail,
        password: secrets['admin password'],
      }),
    });
    expect(signedIn.status).toBe(303);
    const session = /tm_session=([^;]+)/.exec(signedIn.headers.getSetCookie().join('\n'))![1];
    secrets['session cookie'] = decodeURIComponent(session);
    const review = await fetch(`${baseUrl}/admin/review`, { headers: { cookie: `tm_session=${session}` } });
    secrets['CSRF token'] = CSRF_INPUT.exec(await review.text())![1];
    await fetch(`${baseUrl}/admin/review`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tm_session=${session}` },
      body: new URLSearchParams({ _csrf: secrets['CSRF token'], decision: 'approve' }),
    });

    // The resident's email arrives through the authenticated SMTP server; its answer link is used.
    const email = await waitFor(
      'the match email',
      () => Promise.resolve(received.find((mail) => mail.subject?.includes('Logged valve body'))),
      60_000,
    );
    const interested = /http:\/\/technomatch\.test\/r\/([\w.-]+)/.exec(email.text ?? '')![1];
    secrets['answer token'] = interested;
    await fetch(`${baseUrl}/r/${interested}`);
    const answered = await fetch(`${baseUrl}/r/${interested}`, { method: 'POST' });
    expect(answered.status).toBe(200);
    await waitFor(
      'the webhook delivery',
      async () => {
        const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM webhook_delivery_attempts`,
        );
        return count > 0 ? true : undefined;
      },
      60_000,
    );
  }

  const linesWith = (secret: string) => logs.split('\n').filter((line) => line.includes(secret));

  it('captures the real request and job logs (so the searches below can find something)', () => {
    const lines = logs.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(20);
    expect(logs).toContain('"url":"/api/v1/tasks"');
    expect(logs).toContain('"url":"/admin/login"');
    // Request logs carry no headers at all (nothing to redact) and answer links only as their route.
    expect(logs).not.toContain('"authorization"');
    expect(logs).toContain('"url":"/r/:token"');
    expect(Object.keys(secrets).sort()).toEqual([...SAFE, ...FOUND_LEAKING].sort());
  });

  it.each(SAFE)('never logs the %s', (name) => {
    expect(secrets[name]?.length).toBeGreaterThan(8);
    expect(linesWith(secrets[name])).toEqual([]);
  });

  // Found by this suite: response headers (Set-Cookie) were logged; the request log now keeps only the status.
  it('never logs the session cookie (Set-Cookie of the sign-in)', () => {
    expect(linesWith(secrets['session cookie'])).toEqual([]);
  });

  it('never logs the pre-session nonce (Set-Cookie of the sign-in page)', () => {
    expect(linesWith(secrets['pre-session nonce'])).toEqual([]);
  });

  // Found by this suite: /r/<token> was logged as the URL; the request log now writes /r/:token.
  it('never logs the answer token (the /r/<token> URL)', () => {
    expect(linesWith(secrets['answer token'])).toEqual([]);
  });
});
