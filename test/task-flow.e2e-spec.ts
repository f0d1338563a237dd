import type { Resident } from '@app/domain';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

interface MatchBody {
  rank: number;
  score: number;
  status: string;
  resident: { id: string; name: string; contact: unknown };
  breakdown: { capabilityScore: number; regionScore: number; distanceKm: number; requirements: { level: string }[] };
}

/**
 * One task through the whole system: POST → outbox → relay → BullMQ → matching → notifications
 * → SMTP, and back out through GET. The cluster is small enough to rank by hand.
 */
describe('a posted task flows end to end', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  let otherKey: string;
  const residents: Record<string, Resident> = {};

  beforeAll(async () => {
    system = await startSystem();
    const app = system.api;
    const minsk = await createTechnopark(app, { name: 'Minsk Technopark (test)', regionCode: 'BY-HM' });
    const moscow = await createTechnopark(app, { name: 'Moscow Park (test)', regionCode: 'RU-MOW' });
    const almaty = await createTechnopark(app, { name: 'Almaty Park (test)', regionCode: 'KZ-75' });
    const make = async (key: string, input: Parameters<typeof createResident>[1]) => {
      residents[key] = await createResident(app, {
        name: `Firm ${key}`,
        emails: [`${key.toLowerCase()}@firm.example`],
        ...input,
      });
    };
    // Requirements: 25.62 machining (weight 1, required) and 25.61.powder-coating (weight 0.5).
    // A: both, exactly, in Minsk: capability (1 + 0.5) / 1.5 = 1, region 1 → 1.0
    await make('A', { technoparkId: minsk.id, capabilities: ['25.62.cnc-milling-5axis', '25.61.powder-coating'] });
    // B, B2: machining only, in Minsk: capability 1 / 1.5 = 0.6667 → 0.7 * 0.6667 + 0.3 = 0.7667; B is smaller, so first.
    await make('B', { technoparkId: minsk.id, capabilities: ['25.62.cnc-turning'], headcount: 10, language: 'en' });
    await make('B2', { technoparkId: minsk.id, capabilities: ['25.62.cnc-turning'], headcount: 50 });
    // C: machining and the parent of powder coating (25.61, half credit), in Moscow, ~675 km away:
    // capability (1 + 0.5 * 0.5) / 1.5 = 0.8333, region exp(-675 / 800) ≈ 0.43 → ≈ 0.712
    await make('C', { technoparkId: moscow.id, regionCode: 'RU-MOW', capabilities: ['25.62', '25.61'] });
    // H: machining in Brest, ~326 km: 0.7 * 0.6667 + 0.3 * exp(-326 / 800) ≈ 0.666
    await make('H', { technoparkId: minsk.id, regionCode: 'BY-BR', capabilities: ['25.62.wire-edm'] });
    // Excluded: no machining (required), only the machining group's parent, wrong country, inactive.
    await make('D', { technoparkId: minsk.id, capabilities: ['25.61.powder-coating'] });
    await make('E', { technoparkId: minsk.id, regionCode: 'BY-VI', capabilities: ['25.6'] });
    await make('F', { technoparkId: almaty.id, regionCode: 'KZ-75', capabilities: ['25.62.cnc-milling-5axis'] });
    await make('G', { technoparkId: minsk.id, capabilities: ['25.62.cnc-milling-3axis'], active: false });
    apiKey = (await createEnterprise(app, 'Gomel Tractor Plant (test)')).apiKey;
    otherKey = (await createEnterprise(app, 'Another Plant (test)')).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.key === undefined
          ? { authorization: `Bearer ${apiKey}` }
          : init.key
            ? { authorization: `Bearer ${init.key}` }
            : {}),
        ...init.headers,
      },
    });

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

  it('accepts the task, ranks the residents as worked out by hand, and emails each match once', async () => {
    const created = await call('/api/v1/tasks', { method: 'POST', body: JSON.stringify(task) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; status: string; requirements: unknown[] };
    expect(body).toMatchObject({
      status: 'open',
      requirements: [{ capability: '25.62' }, { capability: '25.61.powder-coating' }],
    });
    expect(created.headers.get('location')).toBe(`/api/v1/tasks/${body.id}`);

    const matched = await waitFor('the task to be matched', async () => {
      const response = await call(`/api/v1/tasks/${body.id}`);
      const current = (await response.json()) as { status: string; matching: { matched: number; considered: number } };
      return current.status === 'matched' ? current : undefined;
    });
    expect(matched.matching).toMatchObject({ matched: 5, tooFew: false });

    const response = await call(`/api/v1/tasks/${body.id}/matches`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: MatchBody[] };
    const ranking = items.map((item) => item.resident.name);
    expect(ranking).toEqual(['Firm A', 'Firm B', 'Firm B2', 'Firm C', 'Firm H']);
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5]);
    const scores = items.map((item) => item.score);
    expect(scores[0]).toBe(1);
    expect(scores[1]).toBeCloseTo(0.7667, 4);
    expect(scores[2]).toBeCloseTo(0.7667, 4);
    expect(scores[3]).toBeCloseTo(0.712, 2);
    expect(scores[4]).toBeCloseTo(0.666, 2);
    const c = items[3].breakdown;
    expect(c.capabilityScore).toBeCloseTo(0.8333, 4);
    expect(c.requirements.map((requirement) => requirement.level)).toEqual(['exact', 'parent']);
    expect(c.distanceKm).toBeGreaterThan(600);
    expect(c.distanceKm).toBeLessThan(720);
    // Nobody answered yet: no contact details.
    expect(items.every((item) => item.resident.contact === null)).toBe(true);

    const emails = await waitFor('five emails', () =>
      Promise.resolve(system.smtp.received.length >= 5 ? system.smtp.received : undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(system.smtp.received).toHaveLength(5);
    const recipients = emails.map((email) => email.envelopeTo[0]).sort();
    expect(recipients).toEqual([
      'a@firm.example',
      'b2@firm.example',
      'b@firm.example',
      'c@firm.example',
      'h@firm.example',
    ]);
    const english = emails.find((email) => email.envelopeTo[0] === 'b@firm.example')!.parsed;
    expect(english.subject).toBe('New import-substitution task: Valve body for tractor hydraulics');
    const russian = emails.find((email) => email.envelopeTo[0] === 'a@firm.example')!.parsed;
    expect(russian.subject).toBe('Новая задача по импортозамещению: Valve body for tractor hydraulics');
    expect(russian.messageId).toBe(`<match-${body.id}-${residents.A.id}@technomatch.test>`);
    const rawHeaders = russian.headerLines.map((header) => header.line);
    expect(rawHeaders).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(rawHeaders.find((line) => line.startsWith('List-Unsubscribe:'))).toMatch(
      /<http:\/\/technomatch\.test\/r\/[\w.-]+>/,
    );
    expect(english.text).toContain('Directional valve body');

    // The answer link opens a page with a confirm button; the GET alone changes nothing.
    const link = /http:\/\/technomatch\.test(\/r\/[\w.-]+)/.exec(english.text ?? '');
    expect(link).not.toBeNull();
    const page = await fetch(`${system.baseUrl}${link![1]}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');

    await waitFor('matches to be marked notified', async () => {
      const latest = (await (await call(`/api/v1/tasks/${body.id}/matches`)).json()) as { items: MatchBody[] };
      return latest.items.every((item) => item.status === 'notified') ? true : undefined;
    });
    const answer = await fetch(`${system.baseUrl}${link![1]}`, { method: 'POST' });
    expect(answer.status).toBe(200);
    const after = (await (await call(`/api/v1/tasks/${body.id}/matches`)).json()) as { items: MatchBody[] };
    const b = after.items.find((item) => item.resident.name === 'Firm B')!;
    expect(b.status).toBe('interested');
    expect(b.resident.contact).toEqual({ emails: ['b@firm.example'] });
  });

  it("applies the task's own matching settings: a stricter threshold and fewer matches", async () => {
    const post = async (matching: object) => {
      const response = await call('/api/v1/tasks', {
        method: 'POST',
        body: JSON.stringify({ ...task, title: `Settings ${JSON.stringify(matching)}`, matching }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const strict = await post({ threshold: 0.75 });
    const few = await post({ limit: 2 });
    const ranked = async (id: string) => {
      await waitFor('the task to be matched', async () => {
        const current = (await (await call(`/api/v1/tasks/${id}`)).json()) as { status: string };
        return current.status === 'matched' ? true : undefined;
      });
      const { items } = (await (await call(`/api/v1/tasks/${id}/matches`)).json()) as { items: MatchBody[] };
      return items.map((item) => item.resident.name);
    };
    // Scores from the first test: A 1.0, B and B2 0.7667, C ≈ 0.712, H ≈ 0.666.
    expect(await ranked(strict)).toEqual(['Firm A', 'Firm B', 'Firm B2']);
    expect(await ranked(few)).toEqual(['Firm A', 'Firm B']);

    const outOfBounds = await call('/api/v1/tasks', {
      method: 'POST',
      body: JSON.stringify({ ...task, matching: { threshold: 0.1, limit: 500 } }),
    });
    expect(outOfBounds.status).toBe(400);
    const problem = (await outOfBounds.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['matching.limit', 'matching.threshold']);
  });

  it('answers 404 for another enterprise, never showing the task', async () => {
    const created = await call('/api/v1/tasks', {
      method: 'POST',
      body: JSON.stringify({ ...task, title: 'Private task' }),
    });
    const { id } = (await created.json()) as { id: string };
    for (const path of [`/api/v1/tasks/${id}`, `/api/v1/tasks/${id}/matches`]) {
      const response = await call(path, { key: otherKey });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.text()).not.toContain('Private task');
    }
  });

  it('rejects a request without a valid key with 401 problem details', async () => {
    const missing = await call('/api/v1/tasks', { method: 'POST', body: JSON.stringify(task), key: '' });
    expect(missing.status).toBe(401);
    const wrong = await call('/api/v1/tasks/00000000-0000-4000-8000-000000000000', {
      key: 'tmk_deadbeef_' + 'x'.repeat(43),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('answers invalid input with field paths and stores nothing', async () => {
    const response = await call('/api/v1/tasks', {
      method: 'POST',
      body: JSON.stringify({
        ...task,
        requirements: [{ capability: '25.62', weight: 2 }, { capability: '25.62.cnc-miling-5axis' }],
        colour: 'red',
      }),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(['requirements[0].weight', 'colour']),
    );

    const unknown = await call('/api/v1/tasks', {
      method: 'POST',
      body: JSON.stringify({ ...task, requirements: [{ capability: '25.62.cnc-miling-5axis' }] }),
    });
    expect(unknown.status).toBe(400);
    const suggestion = (await unknown.json()) as { errors: { path: string; message: string }[] };
    expect(suggestion.errors[0].path).toBe('requirements[0].capability');
    expect(suggestion.errors[0].message).toContain('25.62.cnc-milling-5axis');
    const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tasks WHERE title = $1 AND created_at > now() - interval '1 minute'`,
      [task.title],
    );
    expect(count).toBe(1);
  });

  it('returns the first task again for a retried Idempotency-Key, and 422 for the same key with another body', async () => {
    const headers = { 'idempotency-key': 'retry-me-1' };
    const first = await call('/api/v1/tasks', { method: 'POST', body: JSON.stringify(task), headers });
    const second = await call('/api/v1/tasks', { method: 'POST', body: JSON.stringify(task), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const different = await call('/api/v1/tasks', {
      method: 'POST',
      body: JSON.stringify({ ...task, quantity: 1 }),
      headers,
    });
    expect(different.status).toBe(422);
  });
});
