import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '@app/domain';
import { LOGIN_ADDRESS_RATE_LIMIT, LOGIN_RATE_LIMIT } from '../../apps/api/src/common/rate-limit';
import { apiClient, expectProblem, type ApiCall, type ApiResponse } from '../support/api-client';
import { createStaff } from '../support/factories';
import { STAFF_PASSWORD } from '../support/security-world';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';

const CSRF_INPUT = /name="_csrf" value="([^"]+)"/;

/** Guessing passwords: the account locks, and each address is rate limited, on the API and the dashboard alike. */
describe('security: login brute force', () => {
  let system: SystemUnderTest;
  let call: ApiCall;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    call = apiClient(system.baseUrl);
  });

  afterAll(async () => {
    await system?.close();
  });

  const apiLogin = (email: string, password: string, headers: Record<string, string> = {}) =>
    call('POST', '/api/v1/auth/login', { body: { email, password }, headers });
  const lockedUntil = async (email: string) => {
    const [row] = await system.database.dataSource.query<{ locked_until: Date | null; failed_logins: number }[]>(
      `SELECT locked_until, failed_logins FROM users WHERE email = $1`,
      [email],
    );
    return row;
  };
  /** A sign-in through the dashboard's form, with the pre-session cookie and CSRF token a browser would have. */
  const dashboardLogin = async (email: string, password: string) => {
    const form = await fetch(`${system.baseUrl}/admin/login`);
    const nonce = /tm_presession=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1];
    const csrf = CSRF_INPUT.exec(await form.text())![1];
    const response = await fetch(`${system.baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tm_presession=${nonce}` },
      body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    });
    const html = await response.text();
    return { status: response.status, headers: response.headers, html };
  };
  const retryAfterOf = (response: { headers: Headers }) => Number(response.headers.get('retry-after'));

  it(`locks an API account after ${MAX_FAILED_LOGINS} wrong passwords for ${LOCKOUT_MS / 60_000} minutes, even for the right one`, async () => {
    const { email } = (await createStaff(system.api, 'coordinator')).user;
    for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt += 1) {
      expectProblem(await apiLogin(email, `wrong ${attempt}`), 401);
    }
    const started = Date.now();
    const refused = expectProblem(await apiLogin(email, STAFF_PASSWORD), 401);
    // The same answer as a wrong password: the lock does not tell an attacker the password was right.
    expect(refused.detail).toBe('the email or password is wrong, or the account is locked');
    expect((await dashboardLogin(email, STAFF_PASSWORD)).status).toBe(401);
    const { locked_until: until } = await lockedUntil(email);
    expect(until!.getTime()).toBeGreaterThan(started + LOCKOUT_MS - 60_000);
    expect(until!.getTime()).toBeLessThanOrEqual(started + LOCKOUT_MS + 1_000);

    // Once the documented time has passed (moved here rather than waited for), the right password works again.
    await system.database.dataSource.query(
      `UPDATE users SET locked_until = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
    expect((await apiLogin(email, STAFF_PASSWORD)).status).toBe(200);
    expect(await lockedUntil(email)).toEqual({ locked_until: null, failed_logins: 0 });
  });

  it('counts failures in a row: a successful login starts the count again', async () => {
    const { email } = (await createStaff(system.api, 'coordinator')).user;
    for (const password of ['a', 'b', 'c', 'd', STAFF_PASSWORD, 'e', 'f', 'g', 'h']) {
      await apiLogin(email, password);
    }
    expect((await apiLogin(email, STAFF_PASSWORD)).status).toBe(200);
  });

  it('locks a dashboard account the same way, and the API refuses it too', async () => {
    const { email } = (await createStaff(system.api, 'admin')).user;
    for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt += 1) {
      expect((await dashboardLogin(email, `wrong ${attempt}`)).status).toBe(401);
    }
    const refused = await dashboardLogin(email, STAFF_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie') ?? '').not.toContain('tm_session=tms_');
    expectProblem(await apiLogin(email, STAFF_PASSWORD), 401);
  });

  it(`rate limits API logins to ${LOGIN_RATE_LIMIT.limit} a minute per address and email, with Retry-After`, async () => {
    const { email } = (await createStaff(system.api, 'coordinator')).user;
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LOGIN_RATE_LIMIT.limit; attempt += 1) {
      statuses.push((await apiLogin('nobody@park.example', `guess ${attempt}`)).status);
    }
    expect(statuses).toEqual(Array(LOGIN_RATE_LIMIT.limit).fill(401));
    const limited: ApiResponse = await apiLogin('nobody@park.example', 'one more');
    expectProblem(limited, 429);
    expect(retryAfterOf(limited)).toBeGreaterThan(0);
    expect(retryAfterOf(limited)).toBeLessThanOrEqual(60);
    // Case and spaces do not make a new budget.
    expectProblem(await apiLogin('  NOBODY@park.example ', 'again'), 429);
    // Another account from the same address still gets its own budget (one attacker cannot lock out a whole office).
    expect((await apiLogin(email, STAFF_PASSWORD)).status).toBe(200);
  });

  it(`rate limits dashboard sign-ins the same way, with an HTML page and Retry-After`, async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LOGIN_RATE_LIMIT.limit; attempt += 1) {
      statuses.push((await dashboardLogin('ghost@park.example', `guess ${attempt}`)).status);
    }
    expect(statuses).toEqual(Array(LOGIN_RATE_LIMIT.limit).fill(401));
    const limited = await dashboardLogin('ghost@park.example', 'one more');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(retryAfterOf(limited)).toBeGreaterThan(0);
  });

  it(`caps logins from one address at ${LOGIN_ADDRESS_RATE_LIMIT.limit} a minute across emails (password spraying)`, async () => {
    const statuses: number[] = [];
    // Twice the budget: enough even when the one-minute window turns over during the loop on a slow machine.
    const attempts = 2 * LOGIN_ADDRESS_RATE_LIMIT.limit + 1;
    for (let attempt = 1; attempt <= attempts && !statuses.includes(429); attempt += 1) {
      // The dashboard's form counts against the same address budget as the API.
      const response = await apiLogin(`sprayed${attempt}@park.example`, 'Summer2026!');
      statuses.push(response.status);
    }
    // Earlier tests in this file spent part of the same address budget within this minute.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    const limited = await dashboardLogin('another@park.example', 'Summer2026!');
    expect(limited.status).toBe(429);
    expect(retryAfterOf(limited)).toBeGreaterThan(0);
  });

  // Found by this suite: `trustProxy: true` let a client choose its address. TRUST_PROXY now defaults to none.
  it('cannot be escaped by sending a new X-Forwarded-For with each attempt', async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LOGIN_RATE_LIMIT.limit + 5; attempt += 1) {
      const response = await apiLogin('spoofer@park.example', `guess ${attempt}`, {
        'x-forwarded-for': `203.0.113.${attempt}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
  });
});
