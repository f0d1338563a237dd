import { CLI_ACTOR, UsersService } from '@app/domain';
import { apiClient, expectProblem, itemsOf, type ApiCall } from './support/api-client';
import { createEnterprise, createStaff, createTechnopark } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';

describe('API authentication, roles, API keys and limits', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let admin: string;
  let coordinator: string;
  let apiKey: string;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    call = apiClient(system.baseUrl);
    const park = await createTechnopark(system.api);
    admin = (await createStaff(system.api, 'admin')).token;
    coordinator = (await createStaff(system.api, 'coordinator', [park.id])).token;
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('POST /api/v1/auth/login', () => {
    const email = 'login.user@park.example';
    const password = 'a long enough password';

    beforeAll(async () => {
      await system.api.get(UsersService).create({ email, password, role: 'coordinator' }, CLI_ACTOR);
    });

    it('issues a bearer token that authenticates the user', async () => {
      const login = await call('POST', '/api/v1/auth/login', { body: { email: 'Login.User@park.example', password } });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({
        tokenType: 'Bearer',
        user: { email, role: 'coordinator', technoparkIds: [] },
      });
      expect(login.body.token).toMatch(/^tms_/);
      const me = await call('GET', '/api/v1/auth/me', { token: login.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email, role: 'coordinator' });
    });

    it('answers one 401 for a wrong password and for an unknown email', async () => {
      const wrong = expectProblem(await call('POST', '/api/v1/auth/login', { body: { email, password: 'nope' } }), 401);
      const unknown = expectProblem(
        await call('POST', '/api/v1/auth/login', { body: { email: 'ghost@park.example', password } }),
        401,
      );
      expect(wrong.detail).toBe(unknown.detail);
    });

    it('rejects a malformed body with field paths', async () => {
      const problem = expectProblem(
        await call('POST', '/api/v1/auth/login', { body: { email: 'not-an-email', password: 'x', remember: true } }),
        400,
      );
      expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'remember']);
    });

    it('locks the account after five wrong passwords, even for the right one', async () => {
      const lockEmail = 'lock.me@park.example';
      await system.api.get(UsersService).create({ email: lockEmail, password, role: 'admin' }, CLI_ACTOR);
      for (let attempt = 0; attempt < 5; attempt++) {
        expectProblem(await call('POST', '/api/v1/auth/login', { body: { email: lockEmail, password: 'wrong' } }), 401);
      }
      expectProblem(await call('POST', '/api/v1/auth/login', { body: { email: lockEmail, password } }), 401);
      const [row] = await system.database.dataSource.query(
        `SELECT failed_logins, locked_until > now() AS locked FROM users WHERE email = $1`,
        [lockEmail],
      );
      expect(row).toEqual({ failed_logins: 5, locked: true });
    });

    it('rate limits logins per client and email with Retry-After', async () => {
      const body = { email: 'flood@park.example', password: 'whatever' };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        statuses.push((await call('POST', '/api/v1/auth/login', { body })).status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      const limited = await call('POST', '/api/v1/auth/login', { body });
      expectProblem(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('roles', () => {
    it('answers 401 without a token and with a forged one', async () => {
      expectProblem(await call('GET', '/api/v1/tasks'), 401);
      expectProblem(await call('GET', '/api/v1/technoparks', { token: 'tms_eyJzdWIiOiJ4In0.' + 'A'.repeat(43) }), 401);
      expectProblem(await call('GET', '/api/v1/tasks', { token: 'tmk_00000000_' + 'A'.repeat(43) }), 401);
    });

    it('answers 403 to a valid token of the wrong role', async () => {
      expectProblem(await call('GET', '/api/v1/tasks', { token: admin }), 403);
      expectProblem(await call('GET', '/api/v1/technoparks', { token: apiKey }), 403);
      expectProblem(await call('GET', '/api/v1/enterprises', { token: coordinator }), 403);
      expectProblem(await call('POST', '/api/v1/users', { token: coordinator, body: {} }), 403);
    });

    it('lets every role read the reference data', async () => {
      for (const token of [admin, coordinator, apiKey]) {
        expect((await call('GET', '/api/v1/regions?country=BY', { token })).status).toBe(200);
      }
    });
  });

  describe('enterprises and API keys (admin)', () => {
    it('registers an enterprise and shows its key once', async () => {
      const created = await call('POST', '/api/v1/enterprises', {
        token: admin,
        body: { name: 'Minsk Motor Plant', email: 'buyer@mmz.example' },
      });
      expect(created.status).toBe(201);
      expect(created.body.apiKey).toMatch(/^tmk_[0-9a-f]{8}_/);
      const listed = await call('GET', '/api/v1/enterprises?limit=100', { token: admin });
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.apiKey);
      expect(itemsOf<{ id: string }>(listed).map((item) => item.id)).toContain(created.body.id);
      const one = await call('GET', `/api/v1/enterprises/${created.body.id}`, { token: admin });
      expect(one.body).toMatchObject({ name: 'Minsk Motor Plant' });
      expect(one.body.apiKey).toBeUndefined();
      const [audit] = await system.database.dataSource.query(
        `SELECT actor_type, action FROM audit_log WHERE entity_id = $1`,
        [created.body.id],
      );
      expect(audit).toEqual({ actor_type: 'user', action: 'enterprise.create' });
    });

    it('registers a webhook URL with a signing secret shown once, and removes it', async () => {
      const enterprise = await createEnterprise(system.api);
      const path = `/api/v1/enterprises/${enterprise.enterprise.id}/webhook`;
      const url = 'https://erp.plant.example/hooks/technomatch';
      expectProblem(await call('PUT', path, { token: coordinator, body: { url } }), 403);
      const invalid = expectProblem(await call('PUT', path, { token: admin, body: { url: 'ftp://x.example' } }), 400);
      expect(invalid.errors?.map((error) => error.path)).toEqual(['url']);

      const set = await call('PUT', path, { token: admin, body: { url } });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ webhookUrl: url });
      expect(set.body.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const [stored] = await system.database.dataSource.query(
        `SELECT webhook_url, webhook_secret FROM enterprises WHERE id = $1`,
        [enterprise.enterprise.id],
      );
      expect(stored).toEqual({ webhook_url: url, webhook_secret: set.body.webhookSecret });
      const read = await call('GET', `/api/v1/enterprises/${enterprise.enterprise.id}`, { token: admin });
      expect(read.body.webhookUrl).toBe(url);
      expect(JSON.stringify(read.body)).not.toContain(set.body.webhookSecret);

      const removed = await call('DELETE', path, { token: admin });
      expect(removed.status).toBe(200);
      expect(removed.body.webhookUrl).toBeNull();
      const audit = await system.database.dataSource.query(
        `SELECT action, after FROM audit_log WHERE entity_id = $1 AND action LIKE 'enterprise.webhook%' ORDER BY id`,
        [enterprise.enterprise.id],
      );
      expect(audit).toEqual([
        { action: 'enterprise.webhook.set', after: { webhookUrl: url } },
        { action: 'enterprise.webhook.remove', after: { webhookUrl: null } },
      ]);
      expectProblem(
        await call('PUT', '/api/v1/enterprises/00000000-0000-4000-8000-000000000000/webhook', {
          token: admin,
          body: { url },
        }),
        404,
      );
    });

    it('issues, lists with last-used time, and revokes keys', async () => {
      const enterprise = await createEnterprise(system.api);
      const issued = await call('POST', `/api/v1/enterprises/${enterprise.enterprise.id}/api-keys`, {
        token: admin,
        body: { name: 'ERP' },
      });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ name: 'ERP', revokedAt: null, lastUsedAt: null });
      expect((await call('GET', '/api/v1/tasks', { token: issued.body.apiKey })).status).toBe(200);
      const keys = await call('GET', `/api/v1/enterprises/${enterprise.enterprise.id}/api-keys`, { token: admin });
      expect(keys.body.items).toHaveLength(2);
      const used = itemsOf<{ id: string; lastUsedAt: string | null }>(keys).find((key) => key.id === issued.body.id);
      expect(used?.lastUsedAt).toEqual(expect.any(String));
      expect(JSON.stringify(keys.body)).not.toContain(issued.body.apiKey);

      const revoked = await call('DELETE', `/api/v1/api-keys/${issued.body.id}`, { token: admin });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      expectProblem(await call('GET', '/api/v1/tasks', { token: issued.body.apiKey }), 401);
      expect((await call('GET', '/api/v1/tasks', { token: enterprise.apiKey })).status).toBe(200);
      expect((await call('DELETE', `/api/v1/api-keys/${issued.body.id}`, { token: admin })).status).toBe(200);
    });

    it('answers 404 for unknown enterprises and keys', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expectProblem(await call('POST', `/api/v1/enterprises/${missing}/api-keys`, { token: admin, body: {} }), 404);
      expectProblem(await call('DELETE', `/api/v1/api-keys/${missing}`, { token: admin }), 404);
      expectProblem(await call('GET', '/api/v1/enterprises/not-a-uuid', { token: admin }), 404);
    });
  });

  describe('users (admin)', () => {
    it('creates a coordinator who can then log in, and lists users', async () => {
      const park = await createTechnopark(system.api);
      const created = await call('POST', '/api/v1/users', {
        token: admin,
        body: {
          email: 'new.coordinator@park.example',
          password: 'long password 123',
          role: 'coordinator',
          technoparkIds: [park.id],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ role: 'coordinator', technoparkIds: [park.id], active: true });
      const login = await call('POST', '/api/v1/auth/login', {
        body: { email: 'new.coordinator@park.example', password: 'long password 123' },
      });
      expect(login.body.user.technoparkIds).toEqual([park.id]);
      const duplicate = await call('POST', '/api/v1/users', {
        token: admin,
        body: { email: 'NEW.coordinator@park.example', password: 'long password 123', role: 'admin' },
      });
      expectProblem(duplicate, 409);
      const listed = await call('GET', '/api/v1/users?limit=2', { token: admin });
      expect(listed.body.items).toHaveLength(2);
      expect(listed.body.nextCursor).toEqual(expect.any(String));
      const next = await call('GET', `/api/v1/users?limit=100&cursor=${listed.body.nextCursor}`, { token: admin });
      expect(next.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(listed.body)).not.toContain('password');
    });

    it('ends sessions at once when a user is deactivated or gets a new password, and unlocks', async () => {
      const park = await createTechnopark(system.api);
      const staff = await createStaff(system.api, 'coordinator');
      const patch = (body: object, token = admin) => call('PATCH', `/api/v1/users/${staff.user.id}`, { token, body });
      const moved = await patch({ technoparkIds: [park.id] });
      expect(moved.body).toMatchObject({ role: 'coordinator', technoparkIds: [park.id] });
      expect((await call('GET', '/api/v1/auth/me', { token: staff.token })).body.technoparkIds).toEqual([park.id]);

      expect((await patch({ password: 'a brand new password' })).status).toBe(200);
      expectProblem(await call('GET', '/api/v1/auth/me', { token: staff.token }), 401);
      const relogin = await call('POST', '/api/v1/auth/login', {
        body: { email: staff.user.email, password: 'a brand new password' },
      });
      expect(relogin.status).toBe(200);

      expect((await patch({ active: false })).body.active).toBe(false);
      expectProblem(await call('GET', '/api/v1/auth/me', { token: relogin.body.token }), 401);
      expect((await patch({ active: true })).status).toBe(200);
      expect((await call('GET', '/api/v1/auth/me', { token: relogin.body.token })).status).toBe(200);

      await system.database.dataSource.query(
        `UPDATE users SET failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1`,
        [staff.user.id],
      );
      expectProblem(await call('GET', '/api/v1/auth/me', { token: relogin.body.token }), 401);
      expect((await patch({ unlock: true })).body.lockedUntil).toBeNull();
      expect((await call('GET', '/api/v1/auth/me', { token: relogin.body.token })).status).toBe(200);

      const audit = await system.database.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
        [staff.user.id],
      );
      expect(audit.map((row) => row.action)).toEqual(['user.create', ...Array(5).fill('user.update')]);
      expectProblem(await patch({ active: false }, coordinator), 403);
      expectProblem(
        await call('PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000000', {
          token: admin,
          body: { active: false },
        }),
        404,
      );
      expectProblem(await patch({ email: 'x@y.example' }), 400);
    });

    it('rejects a short password and unknown technoparks', async () => {
      const short = expectProblem(
        await call('POST', '/api/v1/users', {
          token: admin,
          body: { email: 'a@b.example', password: 'short', role: 'admin' },
        }),
        400,
      );
      expect(short.errors?.[0].path).toBe('password');
      const unknownPark = expectProblem(
        await call('POST', '/api/v1/users', {
          token: admin,
          body: {
            email: 'c@d.example',
            password: 'long password 123',
            role: 'coordinator',
            technoparkIds: ['00000000-0000-4000-8000-000000000000'],
          },
        }),
        400,
      );
      expect(unknownPark.errors?.[0].path).toBe('technoparkIds');
    });
  });

  describe('limits and headers', () => {
    it('sets security headers on answers and errors', async () => {
      for (const response of [await call('GET', '/api/v1/regions', { token: admin }), await call('GET', '/nowhere')]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('content-security-policy')).toBeTruthy();
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('answers unknown routes with problem+json 404', async () => {
      expectProblem(await call('GET', '/api/v1/nowhere', { token: admin }), 404);
    });

    it('rate limits each API key on its own, with Retry-After', async () => {
      const flooder = (await createEnterprise(system.api)).apiKey;
      const statuses = await Promise.all(
        Array.from({ length: 300 }, () =>
          call('GET', '/api/v1/regions?country=KG', { token: flooder }).then((r) => r.status),
        ),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      const limited = await call('GET', '/api/v1/regions?country=KG', { token: flooder });
      expectProblem(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/regions?country=KG', { token: apiKey })).status).toBe(200);
    });
  });
});
