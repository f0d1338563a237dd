import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Redis } from 'ioredis';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it answers true; false when `timeoutMs` passes first. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) {
      return true;
    }
    if (Date.now() > deadline) {
      return false;
    }
    await sleep(everyMs);
  }
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/**
 * One long-running child process of the run (the API or a worker) that can be killed and started
 * again with the same environment; its output is appended to a log file.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  private closed = false;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly main: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly liveUrl: string,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until its `/health/live` answers. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.closed) {
      throw new Error(`${this.name} is closed`);
    }
    if (this.running()) {
      return;
    }
    this.starts += 1;
    this.log.write(`\n----- ${new Date().toISOString()} start #${this.starts}\n`);
    const child = spawn(process.execPath, [this.main], {
      env: { ...this.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    const up = await until(async () => {
      if (!this.running()) {
        throw new Error(`${this.name} exited during start-up`);
      }
      return answers(this.liveUrl);
    }, timeoutMs);
    if (!up) {
      throw new Error(`${this.name} did not answer ${this.liveUrl} within ${timeoutMs} ms`);
    }
  }

  /** Sends the signal and waits for the process to exit (SIGKILL after `graceMs` for a SIGTERM). */
  async stop(signal: 'SIGKILL' | 'SIGTERM', graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running()) {
      this.child = null;
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = signal === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(timer);
    this.log.write(`\n----- ${new Date().toISOString()} stopped by ${signal}\n`);
    this.child = null;
  }

  /** Kills the process for good: a fault still in progress cannot start it again. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop('SIGKILL');
    this.log.end();
  }
}

/**
 * The run's own redis-server on a free port, keeping nothing on disk: a restart brings it back empty,
 * as a crash of an unpersisted Redis would. The machine's shared Redis is never touched.
 */
export class RedisProcess {
  private child: ChildProcess | null = null;
  private closed = false;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.closed) {
      throw new Error('redis-server is closed');
    }
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      return;
    }
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const up = await until(
      async () => {
        const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } finally {
          client.disconnect();
        }
      },
      10_000,
      100,
    );
    if (!up) {
      throw new Error(`redis-server did not start on port ${this.port}`);
    }
  }

  /** Kills it for good: a fault still in progress cannot start it again. */
  async close(): Promise<void> {
    this.closed = true;
    await this.kill();
  }

  /** SIGKILL: everything in it is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }
}
