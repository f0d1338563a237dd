import type { DataSource } from 'typeorm';
import type { ChaosSmtpServer } from './chaos-smtp-server';
import { sleep, until, type AppProcess, type RedisProcess } from './processes';

export type FaultKind = 'worker-kill' | 'redis-restart' | 'smtp-refuse' | 'api-restart' | 'db-disconnect';

export interface FaultRecord {
  kind: FaultKind;
  at: number;
  detail: string;
}

/** A worker SIGKILL with the Message-IDs of the notifications that were `sending` when it died. */
export interface WorkerKill {
  at: number;
  worker: string;
  inFlight: Set<string>;
}

export interface FaultTarget {
  dataSource: DataSource;
  api: AppProcess;
  workers: AppProcess[];
  redis: RedisProcess;
  smtp: ChaosSmtpServer;
  log: (line: string) => void;
  /** Requests the task stream has in flight. */
  activity: { requestsInFlight: number };
}

/** The application_name of the chaos run's own connections to PostgreSQL. */
export const HARNESS_APPLICATION_NAME = 'technomatch-chaos';

const ORDER: FaultKind[] = ['worker-kill', 'smtp-refuse', 'redis-restart', 'api-restart', 'db-disconnect'];

/**
 * Injects faults in a fixed rotation until `stop()` resolves true and every kind ran at least once:
 * SIGKILL a worker while emails are in flight and start it again; kill Redis (it comes back empty)
 * and start it on the same port; make the SMTP server refuse connections for a while; restart the
 * API (SIGTERM and SIGKILL in turn); cut every connection the apps hold to PostgreSQL, as a failover or a
 * restart of the database does, with work in flight. Each fault is logged with its time.
 */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  readonly workerKills: WorkerKill[] = [];
  private turn = 0;

  constructor(
    private readonly target: FaultTarget,
    private readonly pauseMs: number,
    private readonly smtpOutageMs: number,
  ) {}

  async run(done: () => boolean): Promise<void> {
    while (!done() || this.turn < ORDER.length) {
      await sleep(this.pauseMs);
      const kind = ORDER[this.turn % ORDER.length];
      await this.inject(kind, this.turn);
      this.turn += 1;
    }
  }

  private record(kind: FaultKind, detail: string): void {
    const at = Date.now();
    this.records.push({ kind, at, detail });
    this.target.log(`FAULT ${kind}: ${detail}`);
  }

  private async inject(kind: FaultKind, turn: number): Promise<void> {
    const { dataSource, api, workers, redis, smtp } = this.target;
    switch (kind) {
      case 'worker-kill': {
        const worker = workers[Math.floor(turn / ORDER.length) % workers.length];
        // Kill while emails are in flight, the documented at-least-once window: slow SMTP replies make
        // sure the server holds messages whose 250 the worker has not seen yet.
        smtp.delayReplies(1500);
        const receivedBefore = smtp.receipts.length;
        const holding = await until(
          async () => {
            const [{ count }] = await dataSource.query<{ count: number }[]>(
              `SELECT count(*)::int AS count FROM notifications WHERE status = 'sending'`,
            );
            return count > 0 && smtp.receipts.length > receivedBefore;
          },
          20_000,
          25,
        );
        await worker.stop('SIGKILL');
        const at = Date.now();
        smtp.delayReplies(0);
        const rows = await dataSource.query<{ message_id: string }[]>(
          `SELECT message_id FROM notifications WHERE status = 'sending'`,
        );
        this.workerKills.push({ at, worker: worker.name, inFlight: new Set(rows.map((row) => row.message_id)) });
        this.record(
          kind,
          `SIGKILL ${worker.name} with ${rows.length} notifications sending` +
            (holding ? '' : ' (no email in flight within 20 s)'),
        );
        await sleep(1000);
        await worker.start();
        this.target.log(`${worker.name} started again`);
        return;
      }
      case 'redis-restart': {
        await redis.kill();
        this.record(kind, `SIGKILL redis-server :${redis.port} (no persistence: comes back empty)`);
        await sleep(3000);
        await redis.start();
        this.target.log('redis-server started again');
        return;
      }
      case 'smtp-refuse': {
        await smtp.refuse();
        this.record(kind, `SMTP server refuses connections for ${this.smtpOutageMs / 1000} s`);
        await sleep(this.smtpOutageMs);
        await smtp.accept();
        this.target.log('SMTP server accepts connections again');
        return;
      }
      case 'db-disconnect': {
        await until(() => Promise.resolve(this.target.activity.requestsInFlight > 0), 5000, 2);
        // Every connection to the run's database but the run's own: pools, the relay's LISTEN, transactions.
        const cut = await dataSource.query<{ terminated: boolean }[]>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
           WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> $1`,
          [HARNESS_APPLICATION_NAME],
        );
        this.record(
          kind,
          `terminated ${cut.filter((row) => row.terminated).length} PostgreSQL connections of the API and the workers, ` +
            `${this.target.activity.requestsInFlight} requests in flight`,
        );
        return;
      }
      case 'api-restart': {
        const signal = Math.floor(turn / ORDER.length) % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
        // Strike while a POST is in flight: its task may commit without the client seeing the 201.
        await until(() => Promise.resolve(this.target.activity.requestsInFlight > 0), 5000, 2);
        const inFlight = this.target.activity.requestsInFlight;
        await api.stop(signal);
        this.record(kind, `${signal} api with ${inFlight} requests in flight`);
        await api.start();
        this.target.log('api started again');
        return;
      }
    }
  }
}
