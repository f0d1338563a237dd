import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Reads queue depths when Prometheus scrapes (registered by the worker, which owns the queues). */
export type QueueDepthSource = () => Promise<{ queue: string; state: string; count: number }[]>;

/** Outbox rows waiting to be relayed, and how long the oldest has waited. */
export interface OutboxBacklog {
  rows: number;
  oldestAgeSeconds: number;
}

/** Reads the outbox's backlog when Prometheus scrapes (registered by the worker, which relays it). */
export type OutboxBacklogSource = () => Promise<OutboxBacklog>;

/** A scrape waits at most this long for a source; past it the source's series are left out. */
const SOURCE_TIMEOUT_MS = 1000;

/** The source's answer, or undefined when it fails or does not answer within {@link SOURCE_TIMEOUT_MS}. */
async function readWithin<T>(source: (() => Promise<T>) | null): Promise<T | undefined> {
  if (!source) {
    return undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SOURCE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([source().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The process's Prometheus metrics, one registry per app instance (so tests that boot several apps
 * in one process do not collide). Names follow Prometheus conventions: base units, `_total` counters.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'technomatch_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'technomatch_job_duration_seconds',
    help: 'BullMQ job processing time by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'technomatch_job_failures_total',
    help: 'BullMQ job attempts that failed, by queue and job name',
    labelNames: ['queue', 'name'] as const,
    registers: [this.registry],
  });

  readonly emails = new Counter({
    name: 'technomatch_emails_total',
    help: 'Email delivery attempts by outcome: sent, failed, skipped, already-sent, or retry (a retryable failure)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly matchingDuration = new Histogram({
    name: 'technomatch_matching_duration_seconds',
    help: 'Time to match one task: retrieval, scoring and writing the matches',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly rateLimitHits = new Counter({
    name: 'technomatch_rate_limit_hits_total',
    help: 'Requests counted by the API rate limits, by store (shared in Redis, or local while Redis is away) and outcome',
    labelNames: ['store', 'outcome'] as const,
    registers: [this.registry],
  });

  private queueDepthSource: QueueDepthSource | null = null;
  private outboxBacklogSource: OutboxBacklogSource | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'technomatch_' });
    // A source that hangs (Redis away: BullMQ's commands wait for it) or fails leaves its series out of the
    // scrape instead of stalling or failing the whole scrape.
    const readDepths = () => readWithin(this.queueDepthSource);
    const readBacklog = () => readWithin(this.outboxBacklogSource);
    new Gauge({
      name: 'technomatch_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed, ...); absent while Redis is away',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { queue, state, count } of (await readDepths()) ?? []) {
          this.set({ queue, state }, count);
        }
      },
    });
    const backlogGauge = (name: string, help: string, value: (backlog: OutboxBacklog) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.reset();
          const backlog = await readBacklog();
          if (backlog) {
            this.set(value(backlog));
          }
        },
      });
    backlogGauge(
      'technomatch_outbox_unpublished_rows',
      'Outbox rows (jobs) committed in PostgreSQL and not yet handed to BullMQ',
      (backlog) => backlog.rows,
    );
    backlogGauge(
      'technomatch_outbox_oldest_unpublished_age_seconds',
      'Age of the oldest outbox row not yet handed to BullMQ (0 when none waits)',
      (backlog) => backlog.oldestAgeSeconds,
    );
  }

  useQueueDepthSource(source: QueueDepthSource): void {
    this.queueDepthSource = source;
  }

  useOutboxBacklogSource(source: OutboxBacklogSource): void {
    this.outboxBacklogSource = source;
  }

  /** Times `work` into the histogram, whatever its outcome. */
  async time<T>(histogram: Histogram, work: () => Promise<T>): Promise<T> {
    const stop = histogram.startTimer();
    try {
      return await work();
    } finally {
      stop();
    }
  }

  /** The exposition text for `/metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
