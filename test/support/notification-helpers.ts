import type { SystemUnderTest } from './system-under-test';
import { waitFor } from './wait-for';

export interface NotificationRow {
  id: string;
  resident_id: string;
  match_id: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  last_error: string | null;
  message_id: string;
}

/** A machining task that every resident declaring `25.62.*` in Minsk matches with score 1. */
export const MACHINING_TASK = {
  title: 'Valve body for tractor hydraulics',
  substitutes: { name: 'Directional valve body', manufacturer: 'Bosch Rexroth' },
  requirements: [{ capability: '25.62', weight: 1, required: true }],
  region: 'BY-HM',
  budget: { amount: 120000, currency: 'BYN' },
  deadline: '2026-06-30',
};

export async function postTask(system: SystemUnderTest, apiKey: string, body: object = MACHINING_TASK) {
  const response = await fetch(`${system.baseUrl}/api/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/tasks answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

export async function notificationsOf(system: SystemUnderTest, taskId: string): Promise<NotificationRow[]> {
  return system.database.dataSource.query(
    `SELECT id, resident_id, match_id, status, attempts, last_error, message_id FROM notifications
     WHERE task_id = $1 ORDER BY created_at, id`,
    [taskId],
  );
}

/** Waits until the task has `count` notifications and every one of them is in one of `statuses`. */
export async function waitForNotifications(
  system: SystemUnderTest,
  taskId: string,
  count: number,
  statuses: NotificationRow['status'][],
  timeoutMs = 30_000,
): Promise<NotificationRow[]> {
  return waitFor(
    `${count} notifications in ${statuses.join('/')}`,
    async () => {
      const rows = await notificationsOf(system, taskId);
      return rows.length === count && rows.every((row) => statuses.includes(row.status)) ? rows : undefined;
    },
    timeoutMs,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
