import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, expectProblem, itemsOf, type ApiCall, type ApiResponse } from '../support/api-client';
import { createEnterprise, createStaff, createTechnopark, nextLegalId } from '../support/factories';
import { MACHINING_TASK, notificationsOf } from '../support/notification-helpers';
import { rawRequest } from '../support/raw-http';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';

/** Strings that break naive SQL and HTML; together they fit every 300-character text field. */
const SQL = `'; DROP TABLE tasks; --`;
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE = '" onmouseover="alert(1)';
const UNICODE = '\u202eevil\u200b ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 «Завод» \\ %s ${7*7} {{7*7}}';
const HOSTILE = `${SQL} ${SCRIPT} ${ATTRIBUTE} ${UNICODE}`;
/** For the 100-character fields. */
const SHORT_HOSTILE = `<img src=x onerror=alert(1)> '); DELETE FROM residents; --`;

/** What must never appear in HTML unescaped, whichever field carried it. */
const RAW_MARKUP = ['<script>alert(1)</script>', '<img src=x onerror', '<IMG SRC=X ONERROR', 'onmouseover="alert(1)'];

const tableCounts = async (system: SystemUnderTest) =>
  (
    await system.database.dataSource.query<
      { tasks: number; residents: number; technoparks: number; enterprises: number; users: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM residents) AS residents,
              (SELECT count(*)::int FROM technoparks) AS technoparks, (SELECT count(*)::int FROM enterprises) AS enterprises,
              (SELECT count(*)::int FROM users) AS users`,
    )
  )[0];

/** The field paths of a validation problem. */
const errorPaths = (response: ApiResponse): string[] =>
  ((response.body as { errors?: { path: string }[] } | null)?.errors ?? []).map((error) => error.path);

/** The tables a naive `'; DROP TABLE …` would remove are all still there. */
async function expectTablesIntact(system: SystemUnderTest) {
  const rows = await system.database.dataSource.query<{ name: string | null }[]>(
    `SELECT to_regclass(name)::text AS name FROM unnest($1::text[]) AS name`,
    [['tasks', 'residents', 'technoparks', 'enterprises', 'users', 'matches', 'notifications', 'api_keys']],
  );
  expect(rows.map((row) => row.name)).toEqual([
    'tasks',
    'residents',
    'technoparks',
    'enterprises',
    'users',
    'matches',
    'notifications',
    'api_keys',
  ]);
}

/** Request bodies: mass assignment, hostile text, size, depth, media types, and paths that climb out. */
describe('security: what requests carry', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let admin: string;
  let apiKey: string;
  let parkId: string;

  beforeAll(async () => {
    system = await startSystem();
    call = apiClient(system.baseUrl);
    admin = (await createStaff(system.api, 'admin')).token;
    apiKey = (await createEnterprise(system.api, 'Mass Plant')).apiKey;
    parkId = (await createTechnopark(system.api, { name: 'Mass Park' })).id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const residentBody = () => ({
    technoparkId: parkId,
    name: 'Plain Resident',
    region: 'BY-HM',
    legalId: nextLegalId('BY'),
    headcount: 10,
    capabilities: ['25.62.cnc-turning'],
    emails: ['plain@firm.example'],
  });
  const adminPage = async (path: string) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      headers: { cookie: `tm_session=${admin}` },
      redirect: 'manual',
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.text();
  };
  /** Posts the admin's resident edit form with the page's own CSRF token; `body` builds the encoded form. */
  const postResidentEdit = async (id: string, body: (csrf: string) => string) => {
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await adminPage(`/admin/residents/${id}`))![1];
    return fetch(`${system.baseUrl}/admin/residents/${id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tm_session=${admin}` },
      body: body(csrf),
    });
  };

  describe('mass assignment', () => {
    it('rejects server-owned fields in every POST and PATCH body with 400 and their paths, storing nothing', async () => {
      const task = await call('POST', '/api/v1/tasks', { token: apiKey, body: MACHINING_TASK });
      const resident = await call('POST', '/api/v1/residents', { token: admin, body: residentBody() });
      const enterprise = await call('POST', '/api/v1/enterprises', {
        token: admin,
        body: { name: 'Victim Plant', email: 'victim@plant.example' },
      });
      const user = await call('POST', '/api/v1/users', {
        token: admin,
        body: { email: 'mass@park.example', password: 'long enough password', role: 'coordinator' },
      });
      for (const created of [task, resident, enterprise, user]) {
        expect(created.status).toBe(201);
      }
      const otherPark = (await createTechnopark(system.api)).id;
      const owned = {
        id: randomUUID(),
        createdAt: '2020-01-01T00:00:00Z',
        updatedAt: '2020-01-01T00:00:00Z',
      };
      const cases: [string, string, object, Record<string, unknown>, string][] = [
        [
          'POST',
          '/api/v1/tasks',
          MACHINING_TASK,
          {
            ...owned,
            status: 'matched',
            score: 1,
            enterpriseId: enterprise.body.id,
            matchedAt: owned.createdAt,
            version: 9,
          },
          apiKey,
        ],
        [
          'PATCH',
          `/api/v1/tasks/${task.body.id}`,
          { title: 'Edited' },
          {
            ...owned,
            status: 'closed',
            score: 1,
            enterpriseId: enterprise.body.id,
            matchedAt: owned.createdAt,
            version: 9,
          },
          apiKey,
        ],
        [
          'POST',
          '/api/v1/residents',
          residentBody(),
          { ...owned, country: 'RU', active: false, unsubscribedAt: owned.createdAt, score: 1 },
          admin,
        ],
        [
          'PATCH',
          `/api/v1/residents/${resident.body.id}`,
          { headcount: 11 },
          { ...owned, technoparkId: otherPark, country: 'RU', unsubscribedAt: owned.createdAt, status: 'notified' },
          admin,
        ],
        ['POST', '/api/v1/technoparks', { name: 'New Park', region: 'BY-HM' }, owned, admin],
        ['PATCH', `/api/v1/technoparks/${parkId}`, { reviewMatches: true }, owned, admin],
        [
          'POST',
          '/api/v1/users',
          { email: 'mass2@park.example', password: 'long enough password', role: 'coordinator' },
          { ...owned, active: true, lockedUntil: null, failedLogins: 0, passwordHash: 'x' },
          admin,
        ],
        [
          'PATCH',
          `/api/v1/users/${user.body.id}`,
          { active: true },
          { ...owned, email: 'taken@park.example', passwordHash: 'x', failedLogins: 0, lockedUntil: null },
          admin,
        ],
        [
          'POST',
          '/api/v1/enterprises',
          { name: 'Another Plant', email: 'another@plant.example' },
          { ...owned, webhookSecret: 'whsec_mine', apiKey: 'tmk_mine', webhookUrl: 'http://evil.example' },
          admin,
        ],
        [
          'POST',
          `/api/v1/enterprises/${enterprise.body.id}/api-keys`,
          { name: 'ci' },
          { ...owned, enterpriseId: randomUUID(), keyHash: 'x', prefix: 'tmk_00000000', revokedAt: null },
          admin,
        ],
        [
          'PUT',
          `/api/v1/enterprises/${enterprise.body.id}/webhook`,
          { url: 'https://plant.example/hook' },
          { secret: 'whsec_mine', webhookSecret: 'whsec_mine' },
          admin,
        ],
        [
          'POST',
          '/api/v1/capabilities',
          { code: '25.62.mass', parentCode: '25.62', labels: { ru: 'Масса', en: 'Mass' } },
          { depth: 0, ancestors: [], id: owned.id },
          admin,
        ],
        [
          'POST',
          '/api/v1/auth/login',
          { email: 'mass@park.example', password: 'long enough password' },
          { role: 'admin' },
          '',
        ],
      ];
      const before = await tableCounts(system);
      const snapshot = async () =>
        JSON.stringify(
          await system.database.dataSource.query(
            `SELECT (SELECT json_agg(t ORDER BY id) FROM tasks t) AS tasks, (SELECT json_agg(r ORDER BY id) FROM residents r) AS residents,
                    (SELECT json_agg(p ORDER BY id) FROM technoparks p) AS parks, (SELECT json_agg(u ORDER BY id) FROM users u) AS users,
                    (SELECT json_agg(e ORDER BY id) FROM enterprises e) AS enterprises, (SELECT count(*) FROM api_keys) AS keys,
                    (SELECT count(*) FROM capabilities) AS capabilities`,
          ),
        );
      const rowsBefore = await snapshot();
      const wrong: string[] = [];
      for (const [method, path, valid, extra, token] of cases) {
        const response = await call(method, path, { token: token || undefined, body: { ...valid, ...extra } });
        const paths = errorPaths(response).sort();
        if (response.status !== 400 || JSON.stringify(paths) !== JSON.stringify(Object.keys(extra).sort())) {
          wrong.push(`${method} ${path} → ${response.status} ${JSON.stringify(paths)}`);
        } else {
          expectProblem(response, 400);
        }
      }
      expect(wrong).toEqual([]);
      expect(await tableCounts(system)).toEqual(before);
      expect(await snapshot()).toBe(rowsBefore);
    });
  });

  describe('SQL and script strings in every free-text field', () => {
    it('stores them verbatim, echoes them as JSON, escapes them in the dashboard and emails, and keeps the tables', async () => {
      const park = await call('POST', '/api/v1/technoparks', {
        token: admin,
        body: { name: `Park ${HOSTILE}`, region: 'BY-HM', reviewMatches: false },
      });
      expect(park.status).toBe(201);
      expect(park.body.name).toBe(`Park ${HOSTILE}`);
      const resident = await call('POST', '/api/v1/residents', {
        token: admin,
        body: {
          ...residentBody(),
          technoparkId: park.body.id,
          name: `Resident ${HOSTILE}`,
          certifications: [SHORT_HOSTILE],
          emails: ['hostile@firm.example'],
          language: 'en',
        },
      });
      expect(resident.status).toBe(201);
      // Certification names are normalised to upper case (ISO 9001), by design; the text is otherwise kept.
      expect(resident.body).toMatchObject({
        name: `Resident ${HOSTILE}`,
        certifications: [SHORT_HOSTILE.toUpperCase()],
      });
      const enterprise = await call('POST', '/api/v1/enterprises', {
        token: admin,
        body: { name: `Plant ${HOSTILE}`, email: 'hostile@plant.example' },
      });
      expect(enterprise.body.name).toBe(`Plant ${HOSTILE}`);
      const key = await call('POST', `/api/v1/enterprises/${enterprise.body.id}/api-keys`, {
        token: admin,
        body: { name: SHORT_HOSTILE },
      });
      expect(key.body.name).toBe(SHORT_HOSTILE);
      const capability = await call('POST', '/api/v1/capabilities', {
        token: admin,
        body: {
          code: '25.62.hostile',
          parentCode: '25.62',
          labels: { ru: HOSTILE, en: HOSTILE },
          aliases: [SHORT_HOSTILE],
        },
      });
      expect(capability.body).toMatchObject({ labels: { ru: HOSTILE, en: HOSTILE }, aliases: [SHORT_HOSTILE] });

      const hostileTask = {
        ...MACHINING_TASK,
        title: `Task ${HOSTILE}`,
        description: `${HOSTILE}\n${HOSTILE}`,
        substitutes: { name: `Part ${HOSTILE}`, manufacturer: `Maker ${HOSTILE}`, partNumber: SHORT_HOSTILE },
      };
      const task = await call('POST', '/api/v1/tasks', { token: key.body.apiKey, body: hostileTask });
      expect(task.status).toBe(201);
      const certified = await call('POST', '/api/v1/tasks', {
        token: key.body.apiKey,
        body: { ...MACHINING_TASK, certifications: [SHORT_HOSTILE] },
      });
      expect(certified.body.certifications).toEqual([SHORT_HOSTILE.toUpperCase()]);
      const read = await call('GET', `/api/v1/tasks/${task.body.id}`, { token: key.body.apiKey });
      expect(read.body).toMatchObject({
        title: hostileTask.title,
        description: hostileTask.description,
        substitutes: {
          name: hostileTask.substitutes.name,
          manufacturer: hostileTask.substitutes.manufacturer,
          partNumber: SHORT_HOSTILE,
        },
      });
      const [row] = await system.database.dataSource.query<{ title: string; description: string }[]>(
        `SELECT title, description FROM tasks WHERE id = $1`,
        [task.body.id],
      );
      expect(row).toEqual({ title: hostileTask.title, description: hostileTask.description });

      // Searching with the strings finds the row by its text, never by SQL.
      const search = await call('GET', `/api/v1/residents?q=${encodeURIComponent(`Resident ${SQL}`)}`, {
        token: admin,
      });
      expect(itemsOf<{ id: string }>(search).map((item) => item.id)).toEqual([resident.body.id]);
      const capabilitySearch = await call('GET', `/api/v1/capabilities?query=${encodeURIComponent(SQL)}`, {
        token: admin,
      });
      expect(capabilitySearch.status).toBe(200);

      // The email to the resident, and its decline with a hostile comment.
      const notification = await waitFor('the email to the hostile resident', async () => {
        const sent = await notificationsOf(system, task.body.id);
        return sent.find((row) => row.resident_id === resident.body.id && row.status === 'sent');
      });
      const email = system.smtp.received.find((candidate) => candidate.parsed.messageId === notification.message_id)!;
      const html = String(email.parsed.html);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(email.parsed.subject).toContain(`Task ${HOSTILE}`);
      expect(email.parsed.text).toContain(`Task ${HOSTILE}`);
      const declineLink = /http:\/\/technomatch\.test(\/r\/[\w.-]+)/g;
      const links = [...(email.parsed.text ?? '').matchAll(declineLink)].map((found) => found[1]);
      const declined = await fetch(`${system.baseUrl}${links[1]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reason: 'other', comment: `Comment ${HOSTILE}` }).toString(),
      });
      expect(declined.status).toBe(200);
      const answerPage = await declined.text();
      const [match] = await system.database.dataSource.query<{ status: string; decline_comment: string }[]>(
        `SELECT status, decline_comment FROM matches WHERE task_id = $1 AND resident_id = $2`,
        [task.body.id, resident.body.id],
      );
      expect(match).toEqual({ status: 'declined', decline_comment: `Comment ${HOSTILE}` });

      const pages = {
        email: html,
        answerPage,
        task: await adminPage(`/admin/tasks/${task.body.id}`),
        tasks: await adminPage('/admin/tasks'),
        resident: await adminPage(`/admin/residents/${resident.body.id}`),
        residents: await adminPage('/admin/residents'),
        notification: await adminPage(`/admin/notifications/${notification.id}`),
        notifications: await adminPage('/admin/notifications'),
      };
      const leaks = Object.entries(pages).flatMap(([page, content]) =>
        RAW_MARKUP.filter((markup) => content.includes(markup)).map((markup) => `${page}: ${markup}`),
      );
      expect(leaks).toEqual([]);
      expect(pages.task).toMatch(/Task (&#39;|&#x27;); DROP TABLE tasks; --/);
      expect(pages.task).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(pages.task).toContain('Comment ');
      expect(pages.resident).toContain('&lt;IMG SRC=X ONERROR=ALERT(1)&gt;');
      expect(pages.resident).toContain('«Завод»');

      await expectTablesIntact(system);
      const after = await tableCounts(system);
      expect(after.tasks).toBeGreaterThanOrEqual(2);
      expect(after.residents).toBeGreaterThanOrEqual(1);
    });

    it('refuses NUL characters with 400 and the field path instead of failing in the database', async () => {
      const before = await tableCounts(system);
      const cases: [string, string, object, string, string][] = [
        ['POST', '/api/v1/tasks', { ...MACHINING_TASK, title: 'Valve\u0000body' }, 'title', apiKey],
        [
          'POST',
          '/api/v1/tasks',
          { ...MACHINING_TASK, substitutes: { name: 'Body', manufacturer: 'x\u0000' } },
          'substitutes.manufacturer',
          apiKey,
        ],
        ['POST', '/api/v1/technoparks', { name: 'Park\u0000', region: 'BY-HM' }, 'name', admin],
        ['POST', '/api/v1/residents', { ...residentBody(), name: 'Res\u0000ident' }, 'name', admin],
        ['POST', '/api/v1/enterprises', { name: 'Plant\u0000', email: 'nul@plant.example' }, 'name', admin],
        ['PATCH', `/api/v1/technoparks/${parkId}`, { name: '\u0000' }, 'name', admin],
      ];
      const wrong: string[] = [];
      for (const [method, path, body, field, token] of cases) {
        const response = await call(method, path, { token, body });
        const paths = errorPaths(response);
        if (response.status !== 400 || !paths.includes(field)) {
          wrong.push(`${method} ${path} ${field} → ${response.status} ${JSON.stringify(paths)}`);
        }
      }
      const query = await call('GET', `/api/v1/residents?q=${encodeURIComponent('a\u0000b')}`, { token: admin });
      if (query.status !== 400) {
        wrong.push(`GET /api/v1/residents?q=NUL → ${query.status}`);
      }
      expect(wrong).toEqual([]);
      expect(await tableCounts(system)).toEqual(before);
    });
  });

  describe('hostile query strings and dashboard forms', () => {
    const QUERY_VALUES = [
      SQL,
      `${SCRIPT}`,
      "1' OR '1'='1",
      '%00',
      '../../etc/passwd',
      '-1',
      '1e400',
      '[]',
      '{"$gt":""}',
    ];

    it('answers every list route of the API with 200 or 400 problem+json, never a 500, whatever the parameters', async () => {
      const lists: [string, string, string[]][] = [
        ['/api/v1/tasks', apiKey, ['cursor', 'limit', 'status']],
        ['/api/v1/residents', admin, ['cursor', 'limit', 'q', 'region', 'capability', 'technoparkId', 'active']],
        ['/api/v1/matches', admin, ['cursor', 'limit', 'status']],
        ['/api/v1/technoparks', admin, ['cursor', 'limit']],
        ['/api/v1/users', admin, ['cursor', 'limit']],
        ['/api/v1/enterprises', admin, ['cursor', 'limit']],
        ['/api/v1/capabilities', admin, ['query', 'limit']],
        ['/api/v1/regions', admin, ['country']],
      ];
      const wrong: string[] = [];
      for (const [path, token, parameters] of lists) {
        for (const parameter of parameters) {
          for (const value of QUERY_VALUES) {
            const query = `${parameter}=${value === '%00' ? value : encodeURIComponent(value)}`;
            const response = await call('GET', `${path}?${query}`, { token });
            const type = response.headers.get('content-type') ?? '';
            const fine =
              (response.status === 200 && type.startsWith('application/json')) ||
              (response.status === 400 && type.startsWith('application/problem+json'));
            if (!fine) {
              wrong.push(`${path}?${query} → ${response.status}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      await expectTablesIntact(system);
    });

    const dashboardFilters = async (values: string[]) => {
      const wrong: string[] = [];
      for (const path of ['/admin/residents', '/admin/tasks', '/admin/notifications', '/admin/review']) {
        for (const parameter of ['q', 'cursor', 'status', 'technoparkId', 'region', 'capability', 'active']) {
          for (const value of values) {
            const query = `${parameter}=${value === '%00' ? value : encodeURIComponent(value)}`;
            const response = await fetch(`${system.baseUrl}${path}?${query}`, {
              headers: { cookie: `tm_session=${admin}` },
              redirect: 'manual',
            });
            const html = await response.text();
            if (![200, 303, 400].includes(response.status) || RAW_MARKUP.some((markup) => html.includes(markup))) {
              wrong.push(`${path}?${query} → ${response.status}`);
            }
          }
        }
      }
      return wrong;
    };

    it('answers dashboard pages with hostile filters as pages, never a 500', async () => {
      expect(await dashboardFilters(QUERY_VALUES.filter((value) => value !== '%00'))).toEqual([]);
      await expectTablesIntact(system);
    });

    // Found by this suite (they answered 500): pages now refuse NUL before any handler (common/nul-guard.ts).
    it('answers dashboard filters carrying a NUL character as pages, never a 500', async () => {
      expect(await dashboardFilters(['%00'])).toEqual([]);
    });

    it('keeps hostile text in a dashboard edit verbatim and escaped', async () => {
      const created = await call('POST', '/api/v1/residents', { token: admin, body: residentBody() });
      const response = await postResidentEdit(created.body.id, (csrf) =>
        new URLSearchParams({
          _csrf: csrf,
          name: `Edited ${HOSTILE}`,
          emails: 'plain@firm.example',
          headcount: '12',
          capabilities: '25.62.cnc-turning',
          certifications: '',
          language: 'ru',
          notificationMode: 'instant',
        }).toString(),
      );
      expect(response.status).toBe(303);
      const [row] = await system.database.dataSource.query<{ name: string }[]>(
        `SELECT name FROM residents WHERE id = $1`,
        [created.body.id],
      );
      expect(row.name).toBe(`Edited ${HOSTILE}`);
      const shown = await adminPage(`/admin/residents/${created.body.id}`);
      expect(RAW_MARKUP.filter((markup) => shown.includes(markup))).toEqual([]);
      expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    // Found by this suite (it answered 500): refused with a 400 page before the handler (common/nul-guard.ts).
    it('answers a dashboard edit carrying a NUL character with the form and its error (400), not a 500', async () => {
      const created = await call('POST', '/api/v1/residents', { token: admin, body: residentBody() });
      const response = await postResidentEdit(
        created.body.id,
        (csrf) =>
          `_csrf=${encodeURIComponent(csrf)}&name=Nul%00Resident&emails=plain%40firm.example&headcount=12&capabilities=25.62&certifications=&language=ru&notificationMode=instant`,
      );
      expect(response.status).toBe(400);
      await expectTablesIntact(system);
    });
  });

  describe('sizes, depth and media types', () => {
    const JSON_ROUTES: [string, string, () => string][] = [
      ['POST', '/api/v1/tasks', () => apiKey],
      ['POST', '/api/v1/residents', () => admin],
      ['POST', '/api/v1/technoparks', () => admin],
      ['POST', '/api/v1/auth/login', () => ''],
    ];
    const send = (method: string, path: string, token: string, body: string | undefined, type?: string) =>
      call(method, path, {
        token: token || undefined,
        rawBody: body,
        headers: type === undefined ? {} : { 'content-type': type },
      });
    const stillServing = async () => {
      const live = await fetch(`${system.baseUrl}/health/live`);
      expect(live.status).toBe(200);
      expect((await call('GET', '/api/v1/regions', { token: admin })).status).toBe(200);
    };

    it('answers a body over 256 KiB with 413 problem+json, on API routes and answer pages alike', async () => {
      const before = await tableCounts(system);
      const big = JSON.stringify({ ...MACHINING_TASK, description: 'x'.repeat(300_000) });
      for (const [method, path, token] of JSON_ROUTES) {
        expectProblem(await send(method, path, token(), big, 'application/json'), 413);
      }
      const answer = await fetch(`${system.baseUrl}/r/abc.def`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `comment=${'x'.repeat(300_000)}`,
      });
      expect(answer.status).toBe(413);
      await answer.arrayBuffer();
      expect(await tableCounts(system)).toEqual(before);
      await stillServing();
    });

    it('answers deeply nested JSON with 400 and keeps serving', async () => {
      const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      for (const [method, path, token] of JSON_ROUTES) {
        for (const body of [
          `{"title":${deepArray}}`,
          `{"nested":${deepObject}}`,
          deepArray,
          `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        ]) {
          const response = await send(method, path, token(), body, 'application/json');
          expect({ path, status: response.status }).toEqual({ path, status: 400 });
          expectProblem(response, 400);
        }
      }
      await stillServing();
    });

    it('refuses other media types with 415 (or 400) problem+json, and a form never logs anyone in', async () => {
      const loginEmail = (await createStaff(system.api, 'admin')).user.email;
      const before = await tableCounts(system);
      const form = new URLSearchParams({ email: loginEmail, password: 'correct horse battery' }).toString();
      const json = JSON.stringify({ email: loginEmail, password: 'correct horse battery' });
      const bodies: [string | undefined, string][] = [
        ['text/plain', json],
        ['text/plain;charset=UTF-8', json],
        ['application/x-www-form-urlencoded', form],
        [
          'multipart/form-data; boundary=xyz',
          `--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\n${loginEmail}\r\n--xyz--\r\n`,
        ],
        ['application/xml', '<login/>'],
        ['text/html', '<p>'],
        [undefined, json],
      ];
      const wrong: string[] = [];
      for (const [method, path, token] of JSON_ROUTES) {
        for (const [type, body] of bodies) {
          const response = await send(method, path, token(), path.endsWith('login') ? body : json, type ?? '');
          const problemType = response.headers.get('content-type') ?? '';
          if (![400, 415].includes(response.status) || !problemType.startsWith('application/problem+json')) {
            wrong.push(`${method} ${path} as ${type ?? '(none)'} → ${response.status} ${problemType}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(await tableCounts(system)).toEqual(before);
    });

    it('answers invalid JSON with 400, and prototype keys and duplicate keys are harmless', async () => {
      for (const body of ['{', '{"title": }', "{'title': 'x'}", '{"title":"x",}', 'NaN', '"\\u12"', '']) {
        expectProblem(await send('POST', '/api/v1/technoparks', admin, body, 'application/json'), 400);
      }
      for (const body of [
        '{"name":"Proto Park","region":"BY-HM","__proto__":{"polluted":true,"role":"admin"}}',
        '{"name":"Ctor Park","region":"BY-HM","constructor":{"prototype":{"polluted":true}}}',
        '{"name":"Nested Park","region":"BY-HM","x":{"__proto__":{"polluted":true}}}',
      ]) {
        expectProblem(await send('POST', '/api/v1/technoparks', admin, body, 'application/json'), 400);
      }
      const login = await send(
        'POST',
        '/api/v1/auth/login',
        '',
        '{"email":"nobody@park.example","password":"x","__proto__":{"role":"admin"}}',
        'application/json',
      );
      expect(login.status).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      const duplicate = await send(
        'POST',
        '/api/v1/technoparks',
        admin,
        '{"name":"First Name","name":"Second Name","region":"BY-HM"}',
        'application/json',
      );
      expect(duplicate.status).toBe(201);
      const stored = await system.database.dataSource.query<{ name: string }[]>(
        `SELECT name FROM technoparks WHERE id = $1`,
        [duplicate.body.id],
      );
      expect(stored).toEqual([{ name: duplicate.body.name }]);
      await stillServing();
    });
  });

  describe('path traversal', () => {
    const PACKAGE = readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8');
    const SECRETS = ['"devDependencies"', '"name": "technomatch"', 'root:x:0:0', 'APP_SECRET', PACKAGE.slice(0, 60)];
    const CLIMBS = [
      '../../package.json',
      '..%2f..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '%2e%2e/%2e%2e/package.json',
      '..%252f..%252fpackage.json',
      '....//....//package.json',
      '..\\..\\package.json',
      '..%5c..%5cpackage.json',
      '%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
      '../../../../../../etc/passwd',
      '..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    ];
    const BASES = [
      '/api/docs/',
      '/api/docs/docs/',
      '/r/',
      '/api/v1/tasks/',
      '/api/v1/residents/',
      '/admin/residents/',
      '/admin/tasks/',
      '/admin/notifications/',
      '/',
    ];

    it('never serves a file from outside the static assets, whatever the encoding (400, 403 or 404)', async () => {
      const leaks: string[] = [];
      const statuses = new Set<number>();
      for (const base of BASES) {
        for (const climb of CLIMBS) {
          const token = base.startsWith('/api/v1/tasks') ? apiKey : admin;
          const response = await rawRequest(system.baseUrl, 'GET', `${base}${climb}`, {
            authorization: `Bearer ${token}`,
            cookie: `tm_session=${admin}`,
          });
          statuses.add(response.status);
          if (![400, 403, 404].includes(response.status) || SECRETS.some((secret) => response.body.includes(secret))) {
            leaks.push(`${base}${climb} → ${response.status} ${response.body.slice(0, 80)}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      expect([...statuses].sort()).toEqual(expect.arrayContaining([404]));
      // The assets themselves are served, so the 404s above are the traversal being refused.
      expect((await rawRequest(system.baseUrl, 'GET', '/api/docs/swagger-ui.css')).status).toBe(200);
    });
  });
});
