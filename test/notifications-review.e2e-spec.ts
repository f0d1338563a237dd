import type { Resident } from '@app/domain';
import { createEnterprise, createResident, createStaff, createTechnopark } from './support/factories';
import { postTask, sleep, waitForNotifications } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

interface ReviewedMatchBody {
  id: string;
  status: string;
  resident: { id: string; name: string };
  task: { id: string; title: string };
  notificationQueued?: boolean;
}

/** Review before contact: proposed matches wait for a coordinator of the resident's technopark. */
describe('review of matches before residents are contacted', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  let reviewed: Resident;
  let open: Resident;
  let elsewhere: Resident;
  let daily: Resident;
  let coordinator: string;
  let otherCoordinator: string;
  let admin: string;
  let taskId: string;

  beforeAll(async () => {
    system = await startSystem();
    const reviewing = await createTechnopark(system.api, { name: 'Reviewing Park', reviewMatches: true });
    const openPark = await createTechnopark(system.api, { name: 'Open Park', reviewMatches: false });
    const otherReviewing = await createTechnopark(system.api, { name: 'Other Reviewing Park', reviewMatches: true });
    const make = (technoparkId: string, email: string) =>
      createResident(system.api, { technoparkId, capabilities: ['25.62.cnc-turning'], emails: [email] });
    reviewed = await make(reviewing.id, 'reviewed@firm.example');
    daily = await make(reviewing.id, 'daily@firm.example');
    await system.database.dataSource.query(`UPDATE residents SET notification_mode = 'daily' WHERE id = $1`, [
      daily.id,
    ]);
    open = await make(openPark.id, 'open@firm.example');
    elsewhere = await make(otherReviewing.id, 'elsewhere@firm.example');
    coordinator = (await createStaff(system.api, 'coordinator', [reviewing.id])).token;
    otherCoordinator = (await createStaff(system.api, 'coordinator', [otherReviewing.id])).token;
    admin = (await createStaff(system.api, 'admin')).token;
    apiKey = (await createEnterprise(system.api)).apiKey;
    taskId = await postTask(system, apiKey);
    await waitForNotifications(system, taskId, 1, ['sent']);
  });

  afterAll(async () => {
    await system?.close();
  });

  const call = (path: string, token: string | null, method = 'GET') =>
    fetch(`${system.baseUrl}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const received = (address: string) => system.smtp.received.filter((email) => email.envelopeTo.includes(address));
  const matchOf = async (resident: Resident) => {
    const [row] = await system.database.dataSource.query<{ id: string; status: string; reviewed_by: string | null }[]>(
      `SELECT id, status, reviewed_by FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, resident.id],
    );
    return row;
  };

  it('emails residents of technoparks without review at once, and keeps the others proposed and unemailed', async () => {
    expect((await matchOf(open)).status).toBe('notified');
    expect(received('open@firm.example')).toHaveLength(1);
    for (const resident of [reviewed, elsewhere, daily]) {
      expect((await matchOf(resident)).status).toBe('proposed');
    }
    expect(received('reviewed@firm.example')).toHaveLength(0);
    expect(received('elsewhere@firm.example')).toHaveLength(0);
  });

  it("lists proposed matches scoped to the coordinator's technoparks; admins see all", async () => {
    const mine = await call('/api/v1/matches?status=proposed', coordinator);
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { items: ReviewedMatchBody[]; nextCursor: string | null };
    expect(body.items.map((item) => item.resident.id).sort()).toEqual([reviewed.id, daily.id].sort());
    expect(body.items[0].task).toMatchObject({ id: taskId, title: 'Valve body for tractor hydraulics' });
    expect(body.nextCursor).toBeNull();

    const all = (await (await call('/api/v1/matches?status=proposed', admin)).json()) as { items: ReviewedMatchBody[] };
    expect(all.items.map((item) => item.resident.id).sort()).toEqual([reviewed.id, daily.id, elsewhere.id].sort());

    const firstPage = (await (await call('/api/v1/matches?status=proposed&limit=2', admin)).json()) as {
      items: ReviewedMatchBody[];
      nextCursor: string;
    };
    expect(firstPage.items).toHaveLength(2);
    const secondPage = (await (
      await call(`/api/v1/matches?status=proposed&limit=2&cursor=${firstPage.nextCursor}`, admin)
    ).json()) as { items: ReviewedMatchBody[]; nextCursor: string | null };
    expect(secondPage.items).toHaveLength(1);
    expect(secondPage.nextCursor).toBeNull();
    expect(new Set([...firstPage.items, ...secondPage.items].map((item) => item.id)).size).toBe(3);

    expect((await call('/api/v1/matches?status=proposed', null)).status).toBe(401);
    expect((await call('/api/v1/matches?status=proposed', apiKey)).status).toBe(403);
    const invalid = await call('/api/v1/matches?status=maybe', coordinator);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0].path).toBe('status');
  });

  it('approval queues exactly one email; a second approval is a conflict', async () => {
    const { id } = await matchOf(reviewed);
    expect((await call(`/api/v1/matches/${id}/approve`, otherCoordinator, 'POST')).status).toBe(404);
    expect((await matchOf(reviewed)).status).toBe('proposed');

    const approved = await call(`/api/v1/matches/${id}/approve`, coordinator, 'POST');
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id, status: 'approved', notificationQueued: true });
    await waitFor("the approved resident's email", () =>
      Promise.resolve(received('reviewed@firm.example').length === 1 ? true : undefined),
    );
    await waitFor('the match to be notified', async () =>
      (await matchOf(reviewed)).status === 'notified' ? true : undefined,
    );
    const again = await call(`/api/v1/matches/${id}/approve`, coordinator, 'POST');
    expect(again.status).toBe(409);
    const [{ count }] = await system.database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM notifications WHERE match_id = $1`,
      [id],
    );
    expect(count).toBe(1);
    await sleep(300);
    expect(received('reviewed@firm.example')).toHaveLength(1);
    const [audit] = await system.database.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_type = 'match' AND entity_id = $1`,
      [id],
    );
    expect(audit.action).toBe('match.approve');
  });

  it('approval of a daily-digest resident sends no instant email', async () => {
    const { id } = await matchOf(daily);
    const approved = await call(`/api/v1/matches/${id}/approve`, coordinator, 'POST');
    expect(await approved.json()).toMatchObject({ status: 'approved', notificationQueued: false });
    await sleep(500);
    expect(received('daily@firm.example')).toHaveLength(0);
  });

  it('rejection records the reviewer and never contacts the resident', async () => {
    const { id } = await matchOf(elsewhere);
    const rejected = await call(`/api/v1/matches/${id}/reject`, otherCoordinator, 'POST');
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', notificationQueued: false });
    expect((await matchOf(elsewhere)).reviewed_by).not.toBeNull();
    expect((await call(`/api/v1/matches/${id}/approve`, admin, 'POST')).status).toBe(409);
    expect((await call(`/api/v1/matches/not-a-uuid/approve`, admin, 'POST')).status).toBe(404);
    await sleep(500);
    expect(received('elsewhere@firm.example')).toHaveLength(0);
  });
});
