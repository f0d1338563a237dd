import { apiClient, expectProblem, itemsOf, type ApiCall } from './support/api-client';
import { createEnterprise, createStaff } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';

const task = {
  title: 'Valve body for tractor hydraulics',
  substitutes: { name: 'Directional valve body', manufacturer: 'Bosch Rexroth', tnVed: '8481201000' },
  requirements: [
    { capability: '25.62', weight: 1, required: true },
    { capability: '25.61.powder-coating', weight: 0.5 },
  ],
  region: 'BY-HM',
  quantity: 400,
  budget: { amount: 120000, currency: 'BYN' },
  deadline: '2026-06-30',
};

/** The enterprise task routes without the worker: what the API answers and what it writes. */
describe('enterprise task API', () => {
  let system: SystemUnderTest;
  let call: ApiCall;
  let apiKey: string;
  let otherKey: string;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    call = apiClient(system.baseUrl);
    apiKey = (await createEnterprise(system.api)).apiKey;
    otherKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  const post = async (body: object = task, token = apiKey, headers: Record<string, string> = {}) => {
    const response = await call('POST', '/api/v1/tasks', { token, body, headers });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; status: string };
  };

  describe('POST /api/v1/tasks', () => {
    it('returns the first task for a retried Idempotency-Key, and 422 for another body', async () => {
      const first = await call('POST', '/api/v1/tasks', {
        token: apiKey,
        body: task,
        headers: { 'idempotency-key': 'order-1' },
      });
      expect(first.status).toBe(201);
      const retry = await call('POST', '/api/v1/tasks', {
        token: apiKey,
        body: { ...task },
        headers: { 'idempotency-key': 'order-1' },
      });
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          body: { ...task, title: 'Another' },
          headers: { 'idempotency-key': 'order-1' },
        }),
        422,
      );
      // Keys are per enterprise.
      const other = await call('POST', '/api/v1/tasks', {
        token: otherKey,
        body: task,
        headers: { 'idempotency-key': 'order-1' },
      });
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('rejects unknown fields and invalid values with their paths', async () => {
      const problem = expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          body: { ...task, priority: 'high', requirements: [{ capability: '25.62', weight: 2, extra: 1 }] },
        }),
        400,
      );
      expect(problem.errors?.map((error) => error.path).sort()).toEqual([
        'priority',
        'requirements[0].extra',
        'requirements[0].weight',
      ]);
    });

    it('suggests the closest codes for an unknown capability', async () => {
      const problem = expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          body: { ...task, requirements: [{ capability: '25.63' }] },
        }),
        400,
      );
      expect(problem.errors).toEqual([
        {
          path: 'requirements[0].capability',
          message: expect.stringMatching(/unknown capability code 25\.63; closest known codes: .*25\.62/),
        },
      ]);
    });

    it('enforces string and array length limits', async () => {
      const problem = expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          body: { ...task, title: 'x'.repeat(301), certifications: Array.from({ length: 21 }, (_, i) => `ISO ${i}`) },
        }),
        400,
      );
      expect(problem.errors?.map((error) => error.path).sort()).toEqual(['certifications', 'title']);
    });

    it('answers malformed JSON with 400, an oversize body with 413 and another media type with 415', async () => {
      const malformed = expectProblem(
        await call('POST', '/api/v1/tasks', { token: apiKey, rawBody: '{"title": ' }),
        400,
      );
      expect(malformed.detail).toBeTruthy();
      expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          rawBody: JSON.stringify({ ...task, description: 'x'.repeat(300_000) }),
        }),
        413,
      );
      expectProblem(
        await call('POST', '/api/v1/tasks', {
          token: apiKey,
          rawBody: 'title=x',
          headers: { 'content-type': 'text/csv' },
        }),
        415,
      );
    });
  });

  describe('GET /api/v1/tasks', () => {
    it("pages through the enterprise's own tasks, newest first, and filters by status", async () => {
      const key = (await createEnterprise(system.api)).apiKey;
      const ids: string[] = [];
      for (let index = 0; index < 5; index++) {
        ids.unshift((await post({ ...task, title: `Task ${index}` }, key)).id);
      }
      await post(task, otherKey);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await call(
          'GET',
          `/api/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: key },
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);

      await call('POST', `/api/v1/tasks/${ids[0]}/cancel`, { token: key });
      const open = await call('GET', '/api/v1/tasks?status=open,matched', { token: key });
      expect(itemsOf<{ id: string }>(open).map((item) => item.id)).toEqual(ids.slice(1));
      const cancelled = await call('GET', '/api/v1/tasks?status=cancelled', { token: key });
      expect(cancelled.body).toMatchObject({ items: [{ id: ids[0], status: 'cancelled' }], nextCursor: null });
    });

    it('rejects a bad status, limit or cursor', async () => {
      expectProblem(await call('GET', '/api/v1/tasks?status=done', { token: apiKey }), 400);
      expectProblem(await call('GET', '/api/v1/tasks?limit=1000', { token: apiKey }), 400);
      expectProblem(await call('GET', '/api/v1/tasks?cursor=garbage', { token: apiKey }), 400);
      expectProblem(await call('GET', '/api/v1/tasks?sort=title', { token: apiKey }), 400);
    });
  });

  describe('PATCH /api/v1/tasks/:id', () => {
    it('changes the task, bumps its version and schedules re-matching in the same transaction', async () => {
      const created = await post();
      const patched = await call('PATCH', `/api/v1/tasks/${created.id}`, {
        token: apiKey,
        body: {
          title: 'Valve body, revised',
          requirements: [{ capability: '25.62.cnc-milling-5axis', weight: 1, required: true }],
        },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id: created.id,
        version: 2,
        status: 'open',
        title: 'Valve body, revised',
        requirements: [{ capability: '25.62.cnc-milling-5axis', weight: 1, required: true }],
        budget: { amount: 120000, currency: 'BYN' },
      });
      const jobs = await system.database.dataSource.query<{ job_id: string }[]>(
        `SELECT job_id FROM outbox WHERE payload->>'taskId' = $1 ORDER BY id`,
        [created.id],
      );
      expect(jobs.map((job) => job.job_id)).toEqual([`match-task-${created.id}-v1`, `match-task-${created.id}-v2`]);
      const [audit] = await system.database.dataSource.query(
        `SELECT actor_type, before->>'version' AS before, after->>'version' AS after FROM audit_log
         WHERE entity_id = $1 AND action = 'task.update'`,
        [created.id],
      );
      expect(audit).toEqual({ actor_type: 'enterprise', before: '1', after: '2' });
    });

    it('rejects an empty edit, unknown fields and unknown capabilities', async () => {
      const created = await post();
      expectProblem(await call('PATCH', `/api/v1/tasks/${created.id}`, { token: apiKey, body: {} }), 400);
      const unknown = expectProblem(
        await call('PATCH', `/api/v1/tasks/${created.id}`, { token: apiKey, body: { status: 'closed' } }),
        400,
      );
      expect(unknown.errors).toContainEqual({ path: 'status', message: 'unknown field' });
      const capability = expectProblem(
        await call('PATCH', `/api/v1/tasks/${created.id}`, {
          token: apiKey,
          body: { requirements: [{ capability: 'C.99' }] },
        }),
        400,
      );
      expect(capability.errors?.[0].message).toMatch(/closest known codes/);
    });

    it('refuses to edit a closed task', async () => {
      const created = await post();
      expect((await call('POST', `/api/v1/tasks/${created.id}/close`, { token: apiKey })).status).toBe(200);
      expectProblem(
        await call('PATCH', `/api/v1/tasks/${created.id}`, { token: apiKey, body: { title: 'Again' } }),
        409,
      );
    });
  });

  describe('close and cancel', () => {
    it('closes a live task; closing again changes nothing; a closed task cannot be cancelled', async () => {
      const created = await post();
      const closed = await call('POST', `/api/v1/tasks/${created.id}/close`, { token: apiKey });
      expect(closed.body).toMatchObject({ id: created.id, status: 'closed' });
      expect((await call('POST', `/api/v1/tasks/${created.id}/close`, { token: apiKey })).body.status).toBe('closed');
      expectProblem(await call('POST', `/api/v1/tasks/${created.id}/cancel`, { token: apiKey }), 409);
    });

    it('cancels a live task', async () => {
      const created = await post();
      const cancelled = await call('POST', `/api/v1/tasks/${created.id}/cancel`, { token: apiKey });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
    });
  });

  describe('tenancy', () => {
    it("answers 404 to every route on another enterprise's task, and changes nothing", async () => {
      const mine = await post();
      const routes: [string, string, object?][] = [
        ['GET', `/api/v1/tasks/${mine.id}`],
        ['GET', `/api/v1/tasks/${mine.id}/matches`],
        ['PATCH', `/api/v1/tasks/${mine.id}`, { title: 'Hijacked' }],
        ['POST', `/api/v1/tasks/${mine.id}/close`],
        ['POST', `/api/v1/tasks/${mine.id}/cancel`],
      ];
      for (const [method, path, body] of routes) {
        const problem = expectProblem(await call(method, path, { token: otherKey, body }), 404);
        expect(JSON.stringify(problem)).not.toContain('Valve');
      }
      const list = await call('GET', '/api/v1/tasks?limit=100', { token: otherKey });
      expect(itemsOf<{ id: string }>(list).map((item) => item.id)).not.toContain(mine.id);
      const unchanged = await call('GET', `/api/v1/tasks/${mine.id}`, { token: apiKey });
      expect(unchanged.body).toMatchObject({ status: 'open', version: 1, title: task.title });
    });

    it('answers 404 for ids that are not uuids, and 403 to dashboard users', async () => {
      expectProblem(await call('GET', '/api/v1/tasks/123', { token: apiKey }), 404);
      const { token } = await createStaff(system.api, 'admin');
      expectProblem(await call('GET', '/api/v1/tasks', { token }), 403);
    });
  });
});
