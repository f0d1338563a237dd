import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles the apps (as `npm run build` does) into a private directory under test/artifacts, so that
 * a suite can run the real worker as a child process it may SIGKILL, without touching `dist/`.
 */
export function buildApps(): { workerMain: string; apiMain: string; remove(): void } {
  const outDir = join(ROOT, 'test', 'artifacts', `build-${process.pid}`);
  const run = (script: string) =>
    spawnSync(process.execPath, [require.resolve(script), '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const compiled = run('typescript/bin/tsc');
  const aliased = run('tsc-alias/dist/bin/index.js');
  const workerMain = join(outDir, 'apps', 'worker', 'src', 'main.js');
  if (aliased.status !== 0 || !existsSync(workerMain)) {
    throw new Error(`building the worker failed:\n${compiled.stdout}${compiled.stderr}${aliased.stderr}`);
  }
  const apiMain = join(outDir, 'apps', 'api', 'src', 'main.js');
  return { workerMain, apiMain, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  output(): string;
}

/** Starts the built worker with this process's environment (as set by `startSystem`). */
export function spawnWorker(workerMain: string): WorkerProcess {
  return spawnApp(workerMain);
}

/** Starts a built app (`main.js` of the API or the worker) with this process's environment and `overrides`. */
export function spawnApp(main: string, overrides: NodeJS.ProcessEnv = {}): WorkerProcess {
  const env = { ...process.env, NODE_OPTIONS: '', ...overrides };
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
  };
}
