import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait-for';
import { freePort } from '../../scripts/support/free-port';

export { freePort };

const ROOT = join(__dirname, '..', '..');

export interface AppProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far: its real log lines. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs a built app (`dist`-style main.js) with this process's environment plus `env`, capturing its output. */
export function spawnApp(main: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Waits until `url` answers 200, or fails with the process's output. */
export async function waitUntilServing(url: string, app: AppProcess, timeoutMs = 60_000): Promise<void> {
  try {
    await waitFor(
      `${url} to answer 200`,
      async () => ((await fetch(url).catch(() => null))?.status === 200 ? true : undefined),
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${app.output().slice(-4000)}`, { cause: error });
  }
}
