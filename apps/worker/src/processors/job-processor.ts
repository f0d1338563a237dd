import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { QUEUE_OF_JOB, JobName, type JobPayloads, type QueueName } from '@app/queue';

/** A processor's handlers, by job name: each takes the job's typed payload. */
export type JobHandlers = { [N in JobName]?: (data: JobPayloads[N], job: Job) => Promise<unknown> };

/**
 * A BullMQ processor as a table of handlers, each a line into a domain service. The table lets
 * {@link checkJobHandlers} prove at start-up that every job has exactly one handler on its own queue.
 */
export abstract class JobProcessor extends WorkerHost implements OnModuleDestroy {
  abstract readonly queueName: QueueName;
  abstract readonly handlers: JobHandlers;
  private readonly log = new Logger(this.constructor.name);
  /** Property-injected, so that processors' constructors stay about their own services. */
  @Inject(PinoLogger) protected pino!: PinoLogger;

  /**
   * Runs the job's handler in its own logging context: every log line it writes names the job, and the HTTP
   * request that caused it when the payload carries a `requestId`.
   */
  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown, job: Job) => Promise<unknown>) | undefined;
    if (!handler) {
      throw new UnrecoverableError(`no handler for job ${job.name} on queue ${this.queueName}`);
    }
    const { requestId } = job.data as { requestId?: unknown };
    const bindings = {
      job: { id: job.id, name: job.name, queue: this.queueName, attempt: job.attemptsMade + 1 },
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
    return this.pino.runInContext(() => handler(job.data, job), { bindings });
  }

  /** Graceful shutdown (SIGTERM): stop taking jobs and finish those in flight while the database is still open. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.log.warn(
      `Job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed on attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }
}

/** True on a job's last attempt: a retryable failure then becomes a permanent one. */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Fails start-up unless every job name has exactly one handler, on the queue that QUEUE_OF_JOB names
 * (renaming or adding a job without a handler would otherwise strand its jobs).
 */
export function checkJobHandlers(processors: readonly JobProcessor[]): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const owners = processors.filter((processor) => processor.handlers[name] !== undefined);
    if (owners.length !== 1) {
      problems.push(`${name} has ${owners.length} handlers`);
    } else if (owners[0].queueName !== QUEUE_OF_JOB[name]) {
      problems.push(`${name} is handled on ${owners[0].queueName} but queued on ${QUEUE_OF_JOB[name]}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Job handlers do not match the job names: ${problems.join('; ')}`);
  }
}
