import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { routesServedBy } from '../../apps/api/src/bootstrap';
import { launchChromium } from '../support/browser';
import { buildSecurityWorld, type SecurityWorld } from '../support/security-world';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';
import { classify } from './route-access';

const CSRF_INPUT = /name="_csrf" value="([^"]+)"/;
/** Forms that post files as multipart/form-data (their CSRF token is a field of the multipart body). */
const MULTIPART_FORMS = new Set(['/admin/residents/import/upload']);

/** Dashboard forms: every POST needs its session's CSRF token; the cookies keep cross-site requests out. */
describe('security: dashboard CSRF and session cookies', () => {
  let system: SystemUnderTest;
  let world: SecurityWorld;
  let browser: Browser;

  beforeAll(async () => {
    system = await startSystem();
    world = await buildSecurityWorld(system);
    await system.database.dataSource.query(
      `UPDATE notifications SET status = 'failed', sent_at = NULL, last_error = '550 mailbox unavailable' WHERE id = $1`,
      [world.notificationB],
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const url = (path: string) => `${system.baseUrl}${path}`;
  const page = async (path: string, session: string) => {
    const response = await fetch(url(path), { headers: { cookie: `tm_session=${session}` }, redirect: 'manual' });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.text();
  };
  const csrfOf = async (session: string) => CSRF_INPUT.exec(await page('/admin/review', session))![1];
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string>) => {
    if (MULTIPART_FORMS.has(path)) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) {
        form.append(name, value);
      }
      form.append('file', new Blob(['name;legalId\nPlanted;100000007\n'], { type: 'text/csv' }), 'residents.csv');
      return fetch(url(path), { method: 'POST', redirect: 'manual', headers, body: form });
    }
    return fetch(url(path), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  };
  /** Every row a dashboard form could change. */
  const state = async () =>
    JSON.stringify(
      await system.database.dataSource.query(
        `SELECT (SELECT json_agg(json_build_object('id', id, 'status', status, 'reviewed_at', reviewed_at) ORDER BY id) FROM matches) AS matches,
                (SELECT json_agg(r ORDER BY id) FROM residents r) AS residents,
                (SELECT json_agg(json_build_object('id', id, 'status', status, 'attempts', attempts) ORDER BY id) FROM notifications) AS notifications,
                (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox`,
      ),
    );
  /** A form for the route that would change something if its CSRF token were right. */
  const formFor = (route: string): [string, Record<string, string>] => {
    if (route.startsWith('/admin/residents/:id')) {
      const path = route.replace(':id', world.a.resident.id);
      return [
        path,
        {
          active: 'false',
          name: 'Hijacked',
          headcount: '1',
          emails: 'x@evil.example',
          capabilities: '25.62',
          language: 'en',
          notificationMode: 'off',
        },
      ];
    }
    if (route.startsWith('/admin/notifications/:id')) {
      return [route.replace(':id', world.notificationB), {}];
    }
    if (route === '/admin/review') {
      return [route, { one: `${world.a.matchId}:approve` }];
    }
    if (route === '/admin/residents/import') {
      return [route, { step: 'commit', csv: 'name;legalId\nPlanted;100000007\n' }];
    }
    if (route === '/admin/login') {
      return [route, { email: world.admin.email, password: 'correct horse battery' }];
    }
    return [route.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000'), {}];
  };

  it('refuses every dashboard POST form without the session’s CSRF token with the 403 page, changing nothing', async () => {
    const forms = classify(routesServedBy(system.api)).filter(
      (route) => route.access === 'dashboard' && route.method === 'POST' && route.url !== '/admin/login',
    );
    expect(forms.map((route) => route.url)).toEqual(
      expect.arrayContaining([
        '/admin/logout',
        '/admin/review',
        '/admin/residents/:id',
        '/admin/notifications/:id/retry',
      ]),
    );
    const session = world.admin.token;
    const othersToken = await csrfOf(world.b.coordinator.token);
    expect(othersToken).not.toBe(await csrfOf(session));
    const before = await state();
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ['no token', {}, {}],
      ['an empty token', { _csrf: '' }, {}],
      ["another session's token", { _csrf: othersToken }, {}],
      ['a forged token', { _csrf: othersToken.replace(/.$/, othersToken.endsWith('A') ? 'B' : 'A') }, {}],
      [
        'a cross-site form',
        {},
        { origin: 'https://evil.example', referer: 'https://evil.example/', 'sec-fetch-site': 'cross-site' },
      ],
    ];
    const wrong: string[] = [];
    for (const route of forms) {
      const [path, fields] = formFor(route.url);
      for (const [label, token, headers] of cases) {
        const response = await post(path, { ...fields, ...token }, { cookie: `tm_session=${session}`, ...headers });
        const html = await response.text();
        if (response.status !== 403 || !/text\/html/.test(response.headers.get('content-type') ?? '')) {
          wrong.push(`${route.key} with ${label} → ${response.status}`);
        } else if (response.headers.get('set-cookie')?.includes('tm_session=;')) {
          wrong.push(`${route.key} with ${label} cleared the session`);
        } else {
          expect(html).toContain('<html');
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await state()).toBe(before);
    // The session survived the refused logout.
    await page('/admin', session);
  });

  it('accepts the same forms with the right token, so the refusals are the CSRF check', async () => {
    const session = world.admin.token;
    const token = await csrfOf(session);
    const review = await post(
      '/admin/review',
      { one: `${world.a.matchId}:approve`, _csrf: token },
      { cookie: `tm_session=${session}` },
    );
    expect(review.status).toBe(303);
    const [match] = await system.database.dataSource.query<{ status: string }[]>(
      `SELECT status FROM matches WHERE id = $1`,
      [world.a.matchId],
    );
    expect(match.status).not.toBe('proposed');
    const deactivate = await post(
      `/admin/residents/${world.a.resident.id}/active`,
      { active: 'false', _csrf: token },
      { cookie: `tm_session=${session}` },
    );
    expect(deactivate.status).toBe(303);
    const [resident] = await system.database.dataSource.query<{ active: boolean }[]>(
      `SELECT active FROM residents WHERE id = $1`,
      [world.a.resident.id],
    );
    expect(resident.active).toBe(false);
  });

  it('binds the sign-in form to its own pre-session nonce, and sets the session cookie HttpOnly, SameSite=Lax, Path=/admin', async () => {
    const first = await fetch(url('/admin/login'));
    const second = await fetch(url('/admin/login'));
    const nonceOf = (response: Response) => /tm_presession=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1];
    const [nonceA, tokenA] = [nonceOf(first), CSRF_INPUT.exec(await first.text())![1]];
    const [nonceB, tokenB] = [nonceOf(second), CSRF_INPUT.exec(await second.text())![1]];
    expect(first.headers.get('set-cookie')).toMatch(
      /^tm_presession=[^;]+; Path=\/admin; SameSite=Lax; Max-Age=\d+; HttpOnly$/,
    );
    const credentials = { email: world.admin.email, password: 'correct horse battery' };
    for (const [cookie, token] of [
      [nonceA, tokenB],
      [nonceB, tokenA],
      [nonceA, ''],
      ['', tokenA],
    ]) {
      const refused = await post(
        '/admin/login',
        { ...credentials, _csrf: token },
        cookie ? { cookie: `tm_presession=${cookie}` } : {},
      );
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie') ?? '').not.toContain('tm_session=tms_');
      await refused.arrayBuffer();
    }
    const signedIn = await post(
      '/admin/login',
      { ...credentials, _csrf: tokenA },
      { cookie: `tm_presession=${nonceA}` },
    );
    expect(signedIn.status).toBe(303);
    const cookies = signedIn.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('tm_session='))!;
    const attributes = session.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/admin']));
    expect(attributes.find((part) => part.startsWith('Max-Age='))).toMatch(/^Max-Age=(28[0-7]\d\d|28800)$/);
    // Not Secure on an http PUBLIC_BASE_URL (browsers would drop it); Secure when it is https.
    expect(attributes).not.toContain('Secure');
    expect(cookies.find((cookie) => cookie.startsWith('tm_presession='))).toMatch(/Max-Age=0/);
  });

  it('does not send the session on a cross-site form post in a real browser (SameSite=Lax)', async () => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'tm_session', value: world.b.coordinator.token, url: url('/admin'), httpOnly: true, sameSite: 'Lax' },
    ]);
    const [{ id: matchId, status }] = await system.database.dataSource.query<{ id: string; status: string }[]>(
      `SELECT m.id, m.status FROM matches m WHERE m.resident_id = $1 ORDER BY m.created_at LIMIT 1`,
      [world.b.resident.id],
    );
    // An attacker's page on another site ("localhost" is another site than "127.0.0.1") with a self-submitting form.
    const attacker: Server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(
        `<form method="post" action="${url('/admin/residents/' + world.b.resident.id + '/active')}">
           <input type="hidden" name="active" value="false"><button id="go">Win a prize</button></form>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const page = await context.newPage();
      await page.goto(`http://localhost:${(attacker.address() as { port: number }).port}/`);
      const [posted] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.click('#go'),
      ]);
      // Without its cookie the dashboard sees no session and sends the visitor to sign in (a 403 would mean it came along).
      expect({ status: posted.status(), location: posted.headers().location }).toEqual({
        status: 303,
        location: '/admin/login',
      });
      await page.waitForLoadState();
      const [resident] = await system.database.dataSource.query<{ active: boolean }[]>(
        `SELECT active FROM residents WHERE id = $1`,
        [world.b.resident.id],
      );
      expect(resident.active).toBe(true);
      const [after] = await system.database.dataSource.query<{ status: string }[]>(
        `SELECT status FROM matches WHERE id = $1`,
        [matchId],
      );
      expect(after.status).toBe(status);
      // The same browser, on the dashboard's own site, is signed in: the cookie was withheld, not missing.
      await page.goto(url('/admin'));
      expect(new URL(page.url()).pathname).toBe('/admin');
    } finally {
      await context.close();
      await new Promise((resolve) => attacker.close(resolve));
    }
  });
});
