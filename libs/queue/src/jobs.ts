/**
 * Every queue and job of the system, in one place.
 *
 * Renaming a value here strands the jobs already queued under the old name (and outbox rows not
 * yet relayed): add the new name, keep handling the old one for a release, then remove it.
 */
export const QueueName = {
  Matching: 'matching',
  Notifications: 'notifications',
  Webhooks: 'webhooks',
  ResidentImports: 'resident-imports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  MatchTask: 'task.match',
  MatchResident: 'resident.match',
  MatchImportedResidents: 'resident-import.match',
  SendNotification: 'notification.send',
  SendDailyDigests: 'digest.daily',
  SweepNotifications: 'notification.sweep',
  DeliverWebhook: 'webhook.deliver',
  ProcessResidentImport: 'resident-import.process',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** The payload of each job, by name. */
export interface JobPayloads {
  /** `requestId`: the HTTP request that posted the task, carried into the worker's logs. */
  [JobName.MatchTask]: { taskId: string; version: number; requestId?: string };
  /** `version` identifies the change that scheduled the job (the writing transaction's id); informational. */
  [JobName.MatchResident]: { residentId: string; version?: number };
  /** Every resident a committed CSV import created, matched against the open tasks at once. */
  [JobName.MatchImportedResidents]: { importId: string };
  [JobName.SendNotification]: { notificationId: string };
  /** Run by a job scheduler; `day` is absent then, and the run uses its own date. */
  [JobName.SendDailyDigests]: { day?: string };
  [JobName.DeliverWebhook]: { deliveryId: string };
  [JobName.SweepNotifications]: Record<string, never>;
  /** `check` validates a stored CSV import; `commit` creates its residents, by `userId`, in one transaction. */
  [JobName.ProcessResidentImport]: { importId: string; step: 'check' | 'commit'; userId?: string | null };
}

/** The queue each job runs on. */
export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.MatchTask]: QueueName.Matching,
  [JobName.MatchResident]: QueueName.Matching,
  [JobName.MatchImportedResidents]: QueueName.Matching,
  [JobName.SendNotification]: QueueName.Notifications,
  [JobName.SendDailyDigests]: QueueName.Notifications,
  [JobName.SweepNotifications]: QueueName.Notifications,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.ProcessResidentImport]: QueueName.ResidentImports,
};

/** A job to enqueue: a typed union of `{ name, data }` with an id derived from the entity, so duplicates collapse. */
export type JobRequest = {
  [N in JobName]: { name: N; data: JobPayloads[N]; jobId: string };
}[JobName];

/** BullMQ ids may contain neither `:` nor be bare integers; these never are. */
export const Jobs = {
  matchTask: (taskId: string, version: number, requestId?: string): JobRequest => ({
    name: JobName.MatchTask,
    data: requestId ? { taskId, version, requestId } : { taskId, version },
    jobId: `match-task-${taskId}-v${version}`,
  }),
  matchResident: (residentId: string, version: number): JobRequest => ({
    name: JobName.MatchResident,
    data: { residentId, version },
    jobId: `match-resident-${residentId}-v${version}`,
  }),
  matchImportedResidents: (importId: string): JobRequest => ({
    name: JobName.MatchImportedResidents,
    data: { importId },
    jobId: `match-import-${importId}`,
  }),
  sendNotification: (notificationId: string, attempt = 0): JobRequest => ({
    name: JobName.SendNotification,
    data: { notificationId },
    jobId: attempt === 0 ? `notify-${notificationId}` : `notify-${notificationId}-retry${attempt}`,
  }),
  /** A fresh job for a notification whose job was lost; `sweep` tells the sweeps apart. */
  resendNotification: (notificationId: string, sweep: number): JobRequest => ({
    name: JobName.SendNotification,
    data: { notificationId },
    jobId: `notify-${notificationId}-sweep${sweep}`,
  }),
  deliverWebhook: (deliveryId: string, attempt = 0): JobRequest => ({
    name: JobName.DeliverWebhook,
    data: { deliveryId },
    jobId: attempt === 0 ? `webhook-${deliveryId}` : `webhook-${deliveryId}-retry${attempt}`,
  }),
  /** `sweep` tells a recovery sweep's job apart from the first one (which may still sit in Redis as failed). */
  checkResidentImport: (importId: string, sweep?: number): JobRequest => ({
    name: JobName.ProcessResidentImport,
    data: { importId, step: 'check' },
    jobId:
      sweep === undefined ? `resident-import-${importId}-check` : `resident-import-${importId}-check-sweep${sweep}`,
  }),
  /** `request` numbers the commit requests of one import (a commit interrupted for good can be asked for again). */
  commitResidentImport: (importId: string, userId: string | null, request: number): JobRequest => ({
    name: JobName.ProcessResidentImport,
    data: { importId, step: 'commit', userId },
    jobId: `resident-import-${importId}-commit${request}`,
  }),
};

export function isJobName(name: string): name is JobName {
  return Object.values<string>(JobName).includes(name);
}
