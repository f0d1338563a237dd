import { randomUUID } from 'node:crypto';
import { routesServedBy } from '../../apps/api/src/bootstrap';
import { expectProblem, itemsOf, type ApiResponse } from '../support/api-client';
import { createStaff } from '../support/factories';
import {
  buildSecurityWorld,
  expiredStaffToken,
  snapshotRows,
  STAFF_PASSWORD,
  type SecurityWorld,
} from '../support/security-world';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';
import { classify, fillPath, type Access, type ClassifiedRoute } from './route-access';

interface OpenApiOperation {
  security?: unknown[];
  description?: string;
}

/** The roles the OpenAPI document states for a class (its `Roles: …` line; none for "any valid token"). */
const DOCUMENTED_ROLES: Partial<Record<Access, string | null>> = {
  enterprise: 'Roles: enterprise.',
  staff: 'Roles: admin, coordinator.',
  admin: 'Roles: admin.',
  any: null,
};

/** Authentication and authorisation of every route, table-driven from the routes Fastify serves. */
describe('security: authentication, roles and tenants on every route', () => {
  let system: SystemUnderTest;
  let world: SecurityWorld;
  let routes: ClassifiedRoute[];

  beforeAll(async () => {
    system = await startSystem();
    world = await buildSecurityWorld(system);
    routes = classify(routesServedBy(system.api));
  });

  afterAll(async () => {
    await system?.close();
  });

  const apiRoutes = (...classes: Access[]) =>
    routes.filter((route) => route.url.startsWith('/api/v1/') && classes.includes(route.access!));
  const protectedRoutes = () => apiRoutes('any', 'enterprise', 'staff', 'admin');
  const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, { method, headers, redirect: 'manual' });

  /** Calls every route with `authorization` and returns the ones that did not answer `status` problem+json. */
  async function misfits(targets: ClassifiedRoute[], authorization: string | null, status: number) {
    const wrong: string[] = [];
    for (const route of targets) {
      const response = await raw(route.method, fillPath(route.url, randomUUID()), {
        ...(authorization === null ? {} : { authorization }),
      });
      const type = response.headers.get('content-type') ?? '';
      const body = (await response.json().catch(() => null)) as { status?: number } | null;
      if (response.status !== status || !type.startsWith('application/problem+json') || body?.status !== status) {
        wrong.push(`${route.key} → ${response.status} ${type}`);
      }
    }
    return wrong;
  }

  it('classifies every route the app serves, and the OpenAPI document states the same access', async () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => !route.access).map((route) => route.key)).toEqual([]);
    const document = (await world.call('GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const disagreements: string[] = [];
    for (const route of routes.filter((candidate) => candidate.url.startsWith('/api/v1/'))) {
      const operation = document.paths[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const secured = Boolean(operation?.security?.length);
      const roles = /Roles: [^\n]*/.exec(operation?.description ?? '')?.[0] ?? null;
      const expected = DOCUMENTED_ROLES[route.access!];
      if (!operation || secured !== (route.access !== 'public') || (secured && roles !== expected)) {
        disagreements.push(`${route.key}: ${route.access} vs security=${secured} ${roles}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('answers 401 problem+json on every protected route without a usable credential', async () => {
    const targets = protectedRoutes();
    expect(targets.length).toBeGreaterThan(30);
    const staffToken = world.a.coordinator.token;
    const [claims, signature] = staffToken.slice('tms_'.length).split('.');
    const adminClaims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), sub: world.admin.id }),
    ).toString('base64url');
    const cases: [string, string | null][] = [
      ['no Authorization header', null],
      ['a Basic credential', `Basic ${Buffer.from(`${world.admin.email}:${STAFF_PASSWORD}`).toString('base64')}`],
      ['an empty bearer', 'Bearer '],
      ['a bearer of garbage', 'Bearer not-a-token'],
      ['an unknown API key', `Bearer tmk_deadbeef_${'A'.repeat(43)}`],
      [
        'an API key with one character changed',
        `Bearer ${world.a.apiKey.slice(0, -1)}${world.a.apiKey.endsWith('A') ? 'B' : 'A'}`,
      ],
      [
        'a session token with a changed signature',
        `Bearer tms_${claims}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      ],
      ["a coordinator's signature on an admin's claims", `Bearer tms_${adminClaims}.${signature}`],
      ['SQL in the bearer', `Bearer ' OR '1'='1`],
    ];
    const failures: Record<string, string[]> = {};
    for (const [label, authorization] of cases) {
      const wrong = await misfits(targets, authorization, 401);
      if (wrong.length) {
        failures[label] = wrong;
      }
    }
    expect(failures).toEqual({});
  });

  it('answers 401 to a revoked API key, an expired session, and the sessions of deactivated or re-passworded users', async () => {
    const targets = protectedRoutes();
    const issued = await world.call('POST', `/api/v1/enterprises/${world.a.enterpriseId}/api-keys`, {
      token: world.admin.token,
      body: { name: 'to revoke' },
    });
    expect(issued.status).toBe(201);
    const revokedKey = issued.body.apiKey as string;
    expect((await world.call('GET', '/api/v1/tasks', { token: revokedKey })).status).toBe(200);
    const revoked = await world.call('DELETE', `/api/v1/api-keys/${issued.body.id}`, { token: world.admin.token });
    expect(revoked.status).toBe(200);

    const deactivated = await createStaff(system.api, 'admin');
    const repassworded = await createStaff(system.api, 'admin');
    for (const staff of [deactivated, repassworded]) {
      expect((await world.call('GET', '/api/v1/users', { token: staff.token })).status).toBe(200);
    }
    const changes: [string, object][] = [
      [deactivated.user.id, { active: false }],
      [repassworded.user.id, { password: 'another long password' }],
    ];
    for (const [id, body] of changes) {
      expect((await world.call('PATCH', `/api/v1/users/${id}`, { token: world.admin.token, body })).status).toBe(200);
    }
    const expired = await expiredStaffToken(system, world.admin.email);

    const cases: [string, string][] = [
      ['a revoked API key', revokedKey],
      ['an expired session token', expired],
      ["a deactivated admin's session", deactivated.token],
      ["an admin's session from before a password change", repassworded.token],
    ];
    const failures: Record<string, string[]> = {};
    for (const [label, token] of cases) {
      const wrong = await misfits(targets, `Bearer ${token}`, 401);
      if (wrong.length) {
        failures[label] = wrong;
      }
    }
    expect(failures).toEqual({});
  });

  it('answers 403 problem+json to a valid token of the wrong role on every route', async () => {
    const coordinator = `Bearer ${world.a.coordinator.token}`;
    const cases: [string, string, ClassifiedRoute[]][] = [
      ['an API key on staff routes', `Bearer ${world.a.apiKey}`, apiRoutes('staff', 'admin')],
      ['a coordinator on admin routes', coordinator, apiRoutes('admin')],
      ['a coordinator on enterprise routes', coordinator, apiRoutes('enterprise')],
      ['an admin on enterprise routes', `Bearer ${world.admin.token}`, apiRoutes('enterprise')],
    ];
    const failures: Record<string, string[]> = {};
    for (const [label, authorization, targets] of cases) {
      expect({ label, count: targets.length > 0 }).toEqual({ label, count: true });
      const wrong = await misfits(targets, authorization, 403);
      if (wrong.length) {
        failures[label] = wrong;
      }
    }
    expect(failures).toEqual({});
  });

  it('lets the right role through the same guard (neither 401 nor 403), so the refusals above are about roles', async () => {
    const cases: [string, ClassifiedRoute[]][] = [
      [world.a.apiKey, apiRoutes('enterprise', 'any')],
      [world.a.coordinator.token, apiRoutes('staff', 'any')],
      [world.admin.token, apiRoutes('staff', 'admin', 'any')],
    ];
    const refused: string[] = [];
    for (const [token, targets] of cases) {
      for (const route of targets) {
        const response = await raw(route.method, fillPath(route.url, randomUUID()), {
          authorization: `Bearer ${token}`,
        });
        await response.arrayBuffer();
        if (response.status === 401 || response.status === 403 || response.status >= 500) {
          refused.push(`${route.key} → ${response.status}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it('takes the admin role away at once when an admin becomes a coordinator', async () => {
    const demoted = await createStaff(system.api, 'admin');
    expect((await world.call('GET', '/api/v1/users', { token: demoted.token })).status).toBe(200);
    const changed = await world.call('PATCH', `/api/v1/users/${demoted.user.id}`, {
      token: world.admin.token,
      body: { role: 'coordinator' },
    });
    expect(changed.status).toBe(200);
    expect(await misfits(apiRoutes('admin'), `Bearer ${demoted.token}`, 403)).toEqual([]);
  });

  it('admits only admins to the queues board (Bull Board), and only same-origin writes', async () => {
    const board = routes.filter((route) => route.access === 'board');
    expect(board.map((route) => route.key)).toContain('GET /admin/queues');
    const session = (token: string) => ({ cookie: `tm_session=${token}` });
    const wrong: string[] = [];
    const expectStatus = async (
      label: string,
      route: ClassifiedRoute,
      headers: Record<string, string>,
      status: number,
    ) => {
      const response = await raw(route.method, fillPath(route.url, 'notifications'), headers);
      const location = response.headers.get('location');
      await response.arrayBuffer();
      if (response.status !== status || (status === 303 && location !== '/admin/login')) {
        wrong.push(`${route.key} ${label} → ${response.status} ${location ?? ''}`);
      }
    };
    for (const route of board) {
      await expectStatus('without a session', route, {}, 303);
      await expectStatus(
        'with a bearer token instead of the cookie',
        route,
        { authorization: `Bearer ${world.admin.token}` },
        303,
      );
      await expectStatus("with a coordinator's session", route, session(world.a.coordinator.token), 403);
      await expectStatus(
        'with an expired admin session',
        route,
        session(await expiredStaffToken(system, world.admin.email)),
        303,
      );
      if (!['GET', 'HEAD', 'OPTIONS'].includes(route.method)) {
        for (const [label, headers] of [
          ['cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
          ['same-site but another origin', { 'sec-fetch-site': 'same-site', origin: 'http://evil.127.0.0.1.nip.io' }],
          ['with a foreign Origin', { origin: 'https://evil.example' }],
          ['without Origin', {}],
        ] as const) {
          await expectStatus(`as an admin, ${label}`, route, { ...session(world.admin.token), ...headers }, 403);
        }
      }
    }
    expect(wrong).toEqual([]);
    const admitted = await raw('GET', '/admin/queues', session(world.admin.token));
    expect(admitted.status).toBe(200);
    await admitted.arrayBuffer();
  });

  describe("another tenant's ids answer 404 and change nothing", () => {
    const expectAll404 = (responses: [string, ApiResponse][]) => {
      const wrong = responses
        .filter(
          ([, response]) =>
            response.status !== 404 || !/problem\+json/.test(response.headers.get('content-type') ?? ''),
        )
        .map(([label, response]) => `${label} → ${response.status}`);
      expect(wrong).toEqual([]);
      for (const [, response] of responses) {
        expectProblem(response, 404);
      }
    };

    it("an enterprise's task: get, patch, close, cancel and matches", async () => {
      const before = await snapshotRows(system, 'tasks', world.a.taskId);
      const token = world.b.apiKey;
      const path = `/api/v1/tasks/${world.a.taskId}`;
      expectAll404([
        ['get', await world.call('GET', path, { token })],
        ['patch', await world.call('PATCH', path, { token, body: { title: 'Hijacked' } })],
        ['close', await world.call('POST', `${path}/close`, { token })],
        ['cancel', await world.call('POST', `${path}/cancel`, { token })],
        ['matches', await world.call('GET', `${path}/matches`, { token })],
      ]);
      const list = await world.call('GET', '/api/v1/tasks?limit=100', { token });
      expect(itemsOf<{ id: string }>(list).map((task) => task.id)).toEqual([world.b.taskId]);
      expect(await snapshotRows(system, 'tasks', world.a.taskId)).toBe(before);
    });

    it("another technopark's match: approve and reject, and it is not listed", async () => {
      const before = await snapshotRows(system, 'matches', world.a.matchId);
      const token = world.b.coordinator.token;
      expectAll404([
        ['approve', await world.call('POST', `/api/v1/matches/${world.a.matchId}/approve`, { token })],
        ['reject', await world.call('POST', `/api/v1/matches/${world.a.matchId}/reject`, { token })],
      ]);
      for (const status of ['proposed', 'notified', 'approved']) {
        const list = await world.call('GET', `/api/v1/matches?status=${status}&limit=100`, { token });
        expect(list.status).toBe(200);
        expect(itemsOf<{ resident: { technoparkId: string } }>(list).map((m) => m.resident.technoparkId)).not.toContain(
          world.a.park.id,
        );
      }
      expect(await snapshotRows(system, 'matches', world.a.matchId)).toBe(before);
    });

    it("another technopark's resident: read, change, (de)activate, add, and list", async () => {
      const before = await snapshotRows(system, 'residents', world.a.resident.id);
      const token = world.b.coordinator.token;
      const path = `/api/v1/residents/${world.a.resident.id}`;
      expectAll404([
        ['get', await world.call('GET', path, { token })],
        ['patch', await world.call('PATCH', path, { token, body: { name: 'Hijacked' } })],
        ['deactivate', await world.call('POST', `${path}/deactivate`, { token })],
        ['activate', await world.call('POST', `${path}/activate`, { token })],
      ]);
      const added = await world.call('POST', '/api/v1/residents', {
        token,
        body: {
          technoparkId: world.a.park.id,
          name: 'Planted Resident',
          region: 'BY-HM',
          legalId: '100000007',
          headcount: 5,
          capabilities: ['25.62'],
          emails: ['planted@firm.example'],
        },
      });
      expectProblem(added, 403);
      const listed = await world.call('GET', `/api/v1/residents?technoparkId=${world.a.park.id}&limit=100`, { token });
      expect(itemsOf<{ id: string }>(listed).map((resident) => resident.id)).not.toContain(world.a.resident.id);
      const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM residents WHERE name = 'Planted Resident'`,
      );
      expect(count).toBe(0);
      expect(await snapshotRows(system, 'residents', world.a.resident.id)).toBe(before);
    });

    it('another technopark itself: read and change, and it is not listed', async () => {
      const before = await snapshotRows(system, 'technoparks', world.a.park.id);
      const token = world.b.coordinator.token;
      expectAll404([
        ['get', await world.call('GET', `/api/v1/technoparks/${world.a.park.id}`, { token })],
        [
          'patch',
          await world.call('PATCH', `/api/v1/technoparks/${world.a.park.id}`, {
            token,
            body: { reviewMatches: false },
          }),
        ],
      ]);
      const list = await world.call('GET', '/api/v1/technoparks?limit=100', { token });
      expect(itemsOf<{ id: string }>(list).map((park) => park.id)).toEqual([world.b.park.id]);
      expect(await snapshotRows(system, 'technoparks', world.a.park.id)).toBe(before);
    });

    it("another technopark's notification: retry through the API and the dashboard", async () => {
      await system.database.dataSource.query(
        `UPDATE notifications SET status = 'failed', sent_at = NULL, last_error = '550 mailbox unavailable' WHERE id = $1`,
        [world.notificationB],
      );
      const before = await snapshotRows(system, 'notifications', world.notificationB);
      const outsider = world.a.coordinator.token;
      expectAll404([
        ['retry', await world.call('POST', `/api/v1/notifications/${world.notificationB}/retry`, { token: outsider })],
      ]);
      const page = await raw('GET', `/admin/notifications/${world.notificationB}`, {
        cookie: `tm_session=${outsider}`,
      });
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain('bravo@firm.example');
      expect(await snapshotRows(system, 'notifications', world.notificationB)).toBe(before);
      // The owner's coordinator may retry it: the 404 above is the scope, not the state.
      const owner = await world.call('POST', `/api/v1/notifications/${world.notificationB}/retry`, {
        token: world.b.coordinator.token,
      });
      expect(owner.status).toBe(202);
    });

    it("another technopark's resident in the dashboard", async () => {
      const before = await snapshotRows(system, 'residents', world.a.resident.id);
      const page = await raw('GET', `/admin/residents/${world.a.resident.id}`, {
        cookie: `tm_session=${world.b.coordinator.token}`,
      });
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain(world.a.resident.name);
      expect(await snapshotRows(system, 'residents', world.a.resident.id)).toBe(before);
    });
  });
});
