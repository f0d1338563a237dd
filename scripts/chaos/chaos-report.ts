import type { DataSource } from 'typeorm';
import type { Receipt } from './chaos-smtp-server';
import type { WorkerKill } from './faults';
import type { TaskStreamResult } from './task-stream';

/** How long before a worker's SIGKILL an email may have reached the SMTP server and still be in its crash window. */
export const CRASH_WINDOW_MS = 30_000;

export interface QueueBacklog {
  waiting: number;
  active: number;
  delayed: number;
}

export interface ChaosFigures {
  tasksPosted: number;
  tasksAccepted: number;
  tasksInDb: number;
  /** Rows whose Idempotency-Key never got a 201 (the client gave up), or that no key accounts for. */
  tasksUnacknowledged: number;
  tasksMatched: number;
  tasksByStatus: Record<string, number>;
  matches: number;
  matchesByStatus: Record<string, number>;
  matchesExpectedNotified: number;
  matchesAwaitingReview: number;
  matchesNotInstant: number;
  notificationsByStatus: Record<string, number>;
  emailsReceived: number;
  distinctMessageIds: number;
  duplicateMessageIds: number;
  duplicatesInCrashWindow: number;
  duplicatesOutsideWindow: string[];
  /** Expected emails that were not received, with why. */
  lost: string[];
  received_unknown: number;
  stuckOutbox: number;
  stuckTasks: number;
  stuckNotifications: number;
  stuckJobs: number;
}

const tally = (rows: { status: string; count: number }[]) =>
  Object.fromEntries(rows.map((row) => [row.status, row.count]));

/**
 * Sorts the Message-IDs received more than once: inside the documented crash window when the
 * notification was `sending` as a worker was SIGKILLed and first reached the SMTP server shortly before
 * the kill (the server had it, the worker died before marking it sent); outside it otherwise.
 */
export function classifyDuplicates(
  receipts: Map<string, Receipt[]>,
  workerKills: readonly WorkerKill[],
): { inWindow: number; outside: string[] } {
  let inWindow = 0;
  const outside: string[] = [];
  for (const [messageId, list] of receipts) {
    if (list.length < 2) {
      continue;
    }
    const first = list[0].at;
    const crash = workerKills.find(
      (kill) => kill.inFlight.has(messageId) && first <= kill.at + 1000 && first >= kill.at - CRASH_WINDOW_MS,
    );
    if (crash) {
      inWindow += 1;
    } else {
      outside.push(
        `${messageId} received ${list.length}× (${list.map((receipt) => new Date(receipt.at).toISOString()).join(', ')})`,
      );
    }
  }
  return { inWindow, outside };
}

/** Counts what the run left behind in PostgreSQL, Redis and the SMTP server's log. */
export async function countFigures(
  dataSource: DataSource,
  stream: TaskStreamResult,
  posted: number,
  receipts: Map<string, Receipt[]>,
  workerKills: readonly WorkerKill[],
  backlog: QueueBacklog,
  enterpriseIds: string[],
): Promise<ChaosFigures> {
  const tasks = await dataSource.query<{ id: string; key: string | null; status: string; matched: boolean }[]>(
    `SELECT id, idempotency_key AS key, status, matched_at IS NOT NULL AS matched FROM tasks WHERE enterprise_id = ANY($1)`,
    [enterpriseIds],
  );
  const acceptedIds = new Set(stream.accepted.values());
  const taskStatus = tally(
    await dataSource.query(
      `SELECT status, count(*)::int AS count FROM tasks WHERE enterprise_id = ANY($1) GROUP BY status`,
      [enterpriseIds],
    ),
  );
  const inScope = `task_id IN (SELECT id FROM tasks WHERE enterprise_id = ANY($1))`;
  const matchStatus = tally(
    await dataSource.query(`SELECT status, count(*)::int AS count FROM matches WHERE ${inScope} GROUP BY status`, [
      enterpriseIds,
    ]),
  );
  // DESIGN.md §3/§7: an approved match is emailed at once when its resident is active, subscribed and on
  // instant emails; `proposed` ones wait for a coordinator, daily-digest residents hear at 08:00, `off` never.
  const [matchKinds] = await dataSource.query<{ expected: number; review: number; notInstant: number }[]>(
    `SELECT count(*) FILTER (WHERE m.status IN ('approved', 'notified', 'interested', 'declined') AND instant)::int AS expected,
            count(*) FILTER (WHERE m.status = 'proposed')::int AS review,
            count(*) FILTER (WHERE m.status IN ('approved', 'notified', 'interested', 'declined') AND NOT instant)::int AS "notInstant"
     FROM (SELECT m.*, (r.active AND r.unsubscribed_at IS NULL AND r.notification_mode = 'instant') AS instant
           FROM matches m JOIN residents r ON r.id = m.resident_id WHERE m.${inScope}) m`,
    [enterpriseIds],
  );
  const expected = await dataSource.query<{ match_id: string; status: string | null; message_id: string | null }[]>(
    `SELECT m.id AS match_id, n.status, n.message_id
     FROM matches m JOIN residents r ON r.id = m.resident_id
     LEFT JOIN notifications n ON n.match_id = m.id AND n.kind = 'match'
     WHERE m.${inScope} AND m.status IN ('approved', 'notified', 'interested', 'declined')
       AND r.active AND r.unsubscribed_at IS NULL AND r.notification_mode = 'instant'`,
    [enterpriseIds],
  );
  const notifications = await dataSource.query<
    { id: string; status: string; message_id: string; last_error: string }[]
  >(`SELECT id, status, message_id, last_error FROM notifications WHERE ${inScope}`, [enterpriseIds]);
  const notificationStatus: Record<string, number> = {};
  for (const row of notifications) {
    notificationStatus[row.status] = (notificationStatus[row.status] ?? 0) + 1;
  }

  const lost: string[] = [];
  for (const row of expected) {
    if (!row.message_id) {
      lost.push(`match ${row.match_id}: no notification row`);
    } else if (row.status === 'failed') {
      lost.push(`match ${row.match_id}: notification failed`);
    }
  }
  for (const row of notifications.filter((candidate) => candidate.status === 'sent')) {
    if (!receipts.has(row.message_id)) {
      lost.push(`${row.message_id}: marked sent, never received`);
    }
  }
  const knownIds = new Set(notifications.map((row) => row.message_id));
  const duplicates = classifyDuplicates(receipts, workerKills);
  const [stuck] = await dataSource.query<{ outbox: number }[]>(
    `SELECT count(*)::int AS outbox FROM outbox WHERE published_at IS NULL`,
  );
  return {
    tasksPosted: posted,
    tasksAccepted: stream.accepted.size,
    tasksInDb: tasks.length,
    tasksUnacknowledged: tasks.filter((task) => !acceptedIds.has(task.id)).length,
    tasksMatched: tasks.filter((task) => task.matched).length,
    tasksByStatus: taskStatus,
    matches: Object.values(matchStatus).reduce((sum, count) => sum + count, 0),
    matchesByStatus: matchStatus,
    matchesExpectedNotified: matchKinds.expected,
    matchesAwaitingReview: matchKinds.review,
    matchesNotInstant: matchKinds.notInstant,
    notificationsByStatus: notificationStatus,
    emailsReceived: [...receipts.values()].reduce((sum, list) => sum + list.length, 0),
    distinctMessageIds: receipts.size,
    duplicateMessageIds: duplicates.inWindow + duplicates.outside.length,
    duplicatesInCrashWindow: duplicates.inWindow,
    duplicatesOutsideWindow: duplicates.outside,
    lost,
    received_unknown: [...receipts.keys()].filter((id) => !knownIds.has(id)).length,
    stuckOutbox: stuck.outbox,
    stuckTasks: (taskStatus.open ?? 0) + (taskStatus.matching ?? 0),
    stuckNotifications: (notificationStatus.queued ?? 0) + (notificationStatus.sending ?? 0),
    stuckJobs: backlog.waiting + backlog.active + backlog.delayed,
  };
}

/** The verdict: what makes the run fail. */
export function problemsOf(figures: ChaosFigures): string[] {
  const problems: string[] = [];
  if (figures.tasksAccepted !== figures.tasksPosted) {
    problems.push(`${figures.tasksPosted - figures.tasksAccepted} tasks never accepted`);
  }
  if (figures.tasksInDb !== figures.tasksAccepted) {
    problems.push(`${figures.tasksInDb} task rows for ${figures.tasksAccepted} accepted tasks`);
  }
  if (figures.tasksMatched !== figures.tasksAccepted) {
    problems.push(`${figures.tasksAccepted - figures.tasksMatched} accepted tasks not matched`);
  }
  if (figures.lost.length > 0) {
    problems.push(`${figures.lost.length} expected emails lost`);
  }
  if (figures.received_unknown > 0) {
    problems.push(`${figures.received_unknown} emails received with a Message-ID no notification has`);
  }
  if (figures.duplicatesOutsideWindow.length > 0) {
    problems.push(`${figures.duplicatesOutsideWindow.length} duplicates outside the crash window`);
  }
  const stuck = figures.stuckOutbox + figures.stuckTasks + figures.stuckNotifications + figures.stuckJobs;
  if (stuck > 0) {
    problems.push(`${stuck} stuck (outbox, tasks, notifications, jobs)`);
  }
  return problems;
}

export function formatFigures(figures: ChaosFigures): string {
  const row = (label: string, value: string | number) => `  ${label.padEnd(52, '.')} ${value}`;
  const statuses = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status} ${count}`)
      .join(', ') || '—';
  const n = figures.notificationsByStatus;
  return [
    row('tasks posted', figures.tasksPosted),
    row('tasks accepted (201)', figures.tasksAccepted),
    row('tasks in DB', figures.tasksInDb),
    row('task rows no accepted key accounts for', figures.tasksUnacknowledged),
    row('tasks matched (matched_at set)', figures.tasksMatched),
    row('tasks by status', statuses(figures.tasksByStatus)),
    row('matches', figures.matches),
    row('matches by status', statuses(figures.matchesByStatus)),
    row('matches awaiting review (not notified by design)', figures.matchesAwaitingReview),
    row('matches of digest/off residents (not emailed now)', figures.matchesNotInstant),
    row('matches expected to be notified', figures.matchesExpectedNotified),
    row('notifications sent', n.sent ?? 0),
    row('notifications failed', n.failed ?? 0),
    row('notifications skipped (not sent on purpose)', n.skipped ?? 0),
    row('notifications queued', n.queued ?? 0),
    row('notifications sending', n.sending ?? 0),
    row('emails received by the SMTP server', figures.emailsReceived),
    row('distinct Message-IDs received', figures.distinctMessageIds),
    row('duplicates (Message-IDs received more than once)', figures.duplicateMessageIds),
    row('  inside the crash window (worker SIGKILL)', figures.duplicatesInCrashWindow),
    row('  outside the crash window', figures.duplicatesOutsideWindow.length),
    row('emails expected but not received (loss)', figures.lost.length),
    row('emails with an unknown Message-ID', figures.received_unknown),
    row('stuck: outbox rows unpublished', figures.stuckOutbox),
    row('stuck: tasks open/matching', figures.stuckTasks),
    row('stuck: notifications queued/sending', figures.stuckNotifications),
    row('stuck: jobs waiting/active/delayed', figures.stuckJobs),
  ].join('\n');
}
