import { AuthService, SESSION_TTL_MS, type Resident, type Technopark } from '@app/domain';
import { apiClient, type ApiCall } from './api-client';
import { createEnterprise, createResident, createStaff, createTechnopark } from './factories';
import { MACHINING_TASK, postTask } from './notification-helpers';
import type { SystemUnderTest } from './system-under-test';
import { waitFor } from './wait-for';

export const STAFF_PASSWORD = 'correct horse battery';

/** One tenant's side of the world: an enterprise with its task, a technopark with its coordinator and resident. */
export interface Tenant {
  park: Technopark;
  resident: Resident;
  coordinator: { id: string; email: string; token: string };
  apiKey: string;
  enterpriseId: string;
  taskId: string;
  matchId: string;
}

/**
 * Two tenants that must not see each other, built through the real system: park A reviews matches
 * (its match stays `proposed`), park B does not (its resident is emailed, so it has a notification).
 * Enterprise A's task matches both residents; enterprise B's task matches both too.
 */
export interface SecurityWorld {
  call: ApiCall;
  admin: { id: string; email: string; token: string };
  a: Tenant;
  b: Tenant;
  /** Park B's notification about enterprise A's task (sent). */
  notificationB: string;
}

async function matchOf(system: SystemUnderTest, taskId: string, residentId: string): Promise<string> {
  return waitFor(`the match of task ${taskId} with resident ${residentId}`, async () => {
    const rows = await system.database.dataSource.query<{ id: string }[]>(
      `SELECT id FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, residentId],
    );
    return rows[0]?.id;
  });
}

export async function buildSecurityWorld(system: SystemUnderTest): Promise<SecurityWorld> {
  const call = apiClient(system.baseUrl);
  const admin = await createStaff(system.api, 'admin');
  const parkA = await createTechnopark(system.api, { name: 'Park A', reviewMatches: true });
  const parkB = await createTechnopark(system.api, { name: 'Park B', reviewMatches: false });
  const tenant = async (park: Technopark, name: string) => {
    const resident = await createResident(system.api, {
      technoparkId: park.id,
      name: `${name} Machining`,
      capabilities: ['25.62.cnc-turning'],
      emails: [`${name.toLowerCase()}@firm.example`],
    });
    const coordinator = await createStaff(system.api, 'coordinator', [park.id]);
    const enterprise = await createEnterprise(system.api, `${name} Plant`);
    return { park, resident, coordinator, enterprise };
  };
  const [sideA, sideB] = [await tenant(parkA, 'Alpha'), await tenant(parkB, 'Bravo')];
  const taskA = await postTask(system, sideA.enterprise.apiKey, { ...MACHINING_TASK, title: 'Alpha valve body' });
  const taskB = await postTask(system, sideB.enterprise.apiKey, { ...MACHINING_TASK, title: 'Bravo valve body' });
  const notificationB = await waitFor('the email to park B about task A', async () => {
    const rows = await system.database.dataSource.query<{ id: string }[]>(
      `SELECT n.id FROM notifications n WHERE n.task_id = $1 AND n.resident_id = $2 AND n.status = 'sent'`,
      [taskA, sideB.resident.id],
    );
    return rows[0]?.id;
  });
  const complete = async (side: typeof sideA, taskId: string): Promise<Tenant> => ({
    park: side.park,
    resident: side.resident,
    coordinator: { id: side.coordinator.user.id, email: side.coordinator.user.email, token: side.coordinator.token },
    apiKey: side.enterprise.apiKey,
    enterpriseId: side.enterprise.enterprise.id,
    taskId,
    matchId: await matchOf(system, taskId, side.resident.id),
  });
  return {
    call,
    admin: { id: admin.user.id, email: admin.user.email, token: admin.token },
    a: await complete(sideA, taskA),
    b: await complete(sideB, taskB),
    notificationB,
  };
}

/** A session token of `email` that expired a minute ago, signed by the real AuthService. */
export async function expiredStaffToken(system: SystemUnderTest, email: string): Promise<string> {
  const session = await system.api
    .get(AuthService)
    .login(email, STAFF_PASSWORD, new Date(Date.now() - SESSION_TTL_MS - 60_000));
  if (!session) {
    throw new Error(`cannot log in as ${email}`);
  }
  return session.token;
}

/** The rows a test expects to stay exactly as they were, as JSON text (timestamps included). */
export async function snapshotRows(system: SystemUnderTest, table: string, id: string): Promise<string> {
  const rows = await system.database.dataSource.query<object[]>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (rows.length !== 1) {
    throw new Error(`${table} ${id} not found`);
  }
  return JSON.stringify(rows[0]);
}
