import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';
import { parse } from 'yaml';

/**
 * Docker is not available everywhere the tests run, so these checks read the deployment files instead:
 * docker-compose.yml, the Dockerfile and .env.example must agree with the configuration schema and with
 * what `npm run build` produces.
 */

const ROOT = resolve(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  ports?: unknown[];
  container_name?: string;
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
}

// Compose honours YAML merge keys (`<<: *app`); the yaml package resolves them when asked to.
const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;

const APP_SERVICES = ['migrate', 'api', 'worker'];
const LONG_RUNNING = ['postgres', 'redis', 'mailpit', 'api', 'worker'];
/** Variables whose schema defaults only suit a developer machine. */
const REQUIRED_IN_PRODUCTION = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_BASE_URL', 'APP_SECRET'];

/** The keys of `environmentSchema = z.object({...})` in libs/config/src/app-config.ts. */
function schemaVariables(): string[] {
  const path = 'libs/config/src/app-config.ts';
  const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
  let keys: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText(source) === 'environmentSchema' &&
      node.initializer &&
      ts.isCallExpression(node.initializer)
    ) {
      const shape = node.initializer.arguments[0];
      if (shape && ts.isObjectLiteralExpression(shape)) {
        keys = shape.properties.map((property) => property.name!.getText(source).replace(/^['"]|['"]$/g, ''));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!keys) {
    throw new Error(`environmentSchema = z.object({...}) not found in ${path}`);
  }
  return keys;
}
const SCHEMA_VARIABLES = schemaVariables();

function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)])
    : Object.entries(environment).map(([key, value]) => [key, value == null ? '' : String(value)]);
  return Object.fromEntries(entries) as Record<string, string>;
}

function dependenciesOf(service: Service): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn)
    ? Object.fromEntries(dependsOn.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition]));
}

const asArgv = (command: string | string[]): string[] => (Array.isArray(command) ? command : command.split(/\s+/));

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped, numbered by build stage. */
function dockerfileInstructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = -1;
  return logical.map((line) => {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      stage += 1;
    }
    return { keyword: keyword.toUpperCase(), args, stage };
  });
}
const dockerfile = dockerfileInstructions(read('Dockerfile'));
const finalStage = Math.max(...dockerfile.map((instruction) => instruction.stage));
const inFinalStage = (keyword: string) =>
  dockerfile.filter((instruction) => instruction.stage === finalStage && instruction.keyword === keyword);

/** Exec-form argv of a `CMD [...]` / `HEALTHCHECK ... CMD [...]` instruction. */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/** The files `npm run build` emits: tsconfig.build.json's inputs, mapped into its outDir. */
function buildOutputs(): { outputs: Map<string, string>; include: string[] } {
  const configPath = join(ROOT, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error) {
    throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  }
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configPath);
  const outDir = parsed.options.outDir!;
  const rootDir = parsed.options.rootDir!;
  const outputs = new Map<string, string>();
  for (const file of parsed.fileNames.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
    const emitted = join(outDir, relative(rootDir, file)).replace(/\.ts$/, '.js');
    outputs.set(relative(ROOT, emitted), relative(ROOT, file));
  }
  const include = (parsed.raw as { include?: string[] }).include ?? [];
  return { outputs, include };
}
const BUILD = buildOutputs();

/** Runs a healthcheck's `node -e <script>` with `env` and returns its exit code. */
async function exitCodeOf(script: string, env: Record<string, string>): Promise<number> {
  try {
    await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, ...env }, timeout: 15_000 });
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'number' ? code : -1;
  }
}

/** A stand-in for an app's health endpoints answering `status` on every path in `paths`. */
async function healthServer(paths: string[], status: number): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    response.writeHead(paths.includes(request.url ?? '') ? status : 404).end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
}

async function closedPort(): Promise<number> {
  const { server, port } = await healthServer([], 200);
  await new Promise((done) => server.close(done));
  return port;
}

/** The `node -e` script of a compose healthcheck test. */
function nodeScriptOf(test: string | string[] | undefined): string {
  expect(Array.isArray(test)).toBe(true);
  const argv = test as string[];
  expect(argv.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
  return argv[3];
}

describe('docker-compose.yml', () => {
  it('defines the six services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mailpit', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it.each(LONG_RUNNING)('gives the long-running service %s a healthcheck', (name) => {
    const healthcheck = services[name].healthcheck;
    expect(healthcheck?.disable).not.toBe(true);
    expect(healthcheck?.test).toBeDefined();
    expect(services[name].restart).toBe('unless-stopped');
  });

  it('checks PostgreSQL with pg_isready and Redis with redis-cli ping', () => {
    expect(String(services.postgres.healthcheck?.test)).toContain('pg_isready');
    expect(String(services.redis.healthcheck?.test)).toContain('redis-cli ping');
  });

  it('runs Redis as BullMQ requires: noeviction, append-only file', () => {
    const argv = asArgv(services.redis.command ?? []);
    expect(argv.join(' ')).toContain('--maxmemory-policy noeviction');
    expect(argv.join(' ')).toContain('--appendonly yes');
  });

  it('runs the migrations once, after PostgreSQL is healthy, without restarting', () => {
    expect(services.migrate.restart).toBe('no');
    expect(dependenciesOf(services.migrate).postgres).toBe('service_healthy');
    expect(services.migrate.healthcheck?.disable).toBe(true);
  });

  it.each(['api', 'worker'])(
    'starts %s after the migrations succeeded and PostgreSQL and Redis are healthy',
    (name) => {
      expect(dependenciesOf(services[name])).toMatchObject({
        migrate: 'service_completed_successfully',
        postgres: 'service_healthy',
        redis: 'service_healthy',
      });
    },
  );

  it('starts the worker after the mail catcher', () => {
    expect(dependenciesOf(services.worker).mailpit).toBeDefined();
  });

  it('builds one image for migrate, api and worker', () => {
    const images = APP_SERVICES.map((name) => services[name].image);
    expect(new Set(images).size).toBe(1);
    for (const name of APP_SERVICES) {
      expect(services[name].build).toBeDefined();
    }
  });

  it.each(APP_SERVICES)('sets every variable without a safe production default for %s', (name) => {
    const environment = environmentOf(services[name]);
    for (const variable of REQUIRED_IN_PRODUCTION) {
      expect(SCHEMA_VARIABLES).toContain(variable);
      expect([variable, environment[variable]]).toEqual([variable, expect.stringMatching(/\S/)]);
    }
    expect(environment.NODE_ENV).toBe('production');
  });

  it.each(APP_SERVICES)('passes %s only variables the configuration schema knows', (name) => {
    const unknown = Object.keys(environmentOf(services[name])).filter((key) => !SCHEMA_VARIABLES.includes(key));
    expect(unknown).toEqual([]);
  });

  it('refuses to start without APP_SECRET instead of falling back to a default', () => {
    for (const name of APP_SERVICES) {
      expect(environmentOf(services[name]).APP_SECRET).toMatch(/^\$\{APP_SECRET:\?[^}]+\}$/);
    }
  });

  it('sends mail to Mailpit by default and publishes its web UI and SMTP ports', () => {
    expect(environmentOf(services.worker).SMTP_URL).toContain('smtp://mailpit:1025');
    const ports = (services.mailpit.ports ?? []).map(String);
    expect(ports.some((port) => port.endsWith(':8025'))).toBe(true);
    expect(ports.some((port) => port.endsWith(':1025'))).toBe(true);
  });

  it('points DATABASE_URL and REDIS_URL at the compose services', () => {
    const environment = environmentOf(services.api);
    expect(new URL(environment.DATABASE_URL.replace(/\$\{[^}]*\}/g, 'x')).host).toBe('postgres:5432');
    expect(environment.REDIS_URL).toBe('redis://redis:6379');
  });

  it('publishes the API port that PORT names', () => {
    const port = environmentOf(services.api).PORT;
    expect((services.api.ports ?? []).map(String)).toContainEqual(expect.stringMatching(new RegExp(`:${port}$`)));
  });

  it('lets the worker scale: no fixed container name or host port, a grace period for SIGTERM', () => {
    expect(services.worker.container_name).toBeUndefined();
    expect(services.worker.ports).toBeUndefined();
    const [, amount, unit] = /^(\d+)(s|m)$/.exec(services.worker.stop_grace_period ?? '') ?? [];
    expect(Number(amount) * (unit === 'm' ? 60 : 1)).toBeGreaterThanOrEqual(30);
    expect(composeText).toContain('--scale worker=');
  });

  describe('commands', () => {
    const defaultCommand = execForm(inFinalStage('CMD').at(-1)!.args);
    const commandOf = (name: string) => asArgv(services[name].command ?? defaultCommand);

    it.each([
      ['api', 'dist/apps/api/src/main.js', 'apps/api/src/main.ts'],
      ['worker', 'dist/apps/worker/src/main.js', 'apps/worker/src/main.ts'],
    ])('starts %s from %s, which npm run build compiles from %s', (name, compiled, source) => {
      expect(commandOf(name)).toEqual(['node', compiled]);
      expect(BUILD.outputs.get(compiled)).toBe(source);
      expect(existsSync(join(ROOT, source))).toBe(true);
    });

    it('defaults the image to the API', () => {
      expect(defaultCommand).toEqual(['node', 'dist/apps/api/src/main.js']);
    });

    it('migrates with the same script as `npm run migration:run`, from the compiled output', () => {
      const argv = commandOf('migrate');
      const script = /node (dist\/scripts\/migrate\.js)/.exec(
        (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['migration:run'],
      );
      expect(script).not.toBeNull();
      expect(argv).toEqual(['node', script![1]]);
      expect(BUILD.outputs.get(argv[1])).toBe('scripts/migrate.ts');
    });

    it('names only compiled files that exist as sources', () => {
      for (const name of APP_SERVICES) {
        for (const file of commandOf(name).filter((arg) => arg.startsWith('dist/'))) {
          expect([file, BUILD.outputs.has(file)]).toEqual([file, true]);
        }
      }
    });
  });

  describe('healthchecks', () => {
    const servers: Server[] = [];
    afterAll(async () => {
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    });
    const serve = async (paths: string[], status: number) => {
      const started = await healthServer(paths, status);
      servers.push(started.server);
      return started.port;
    };

    it.each([
      ['api', 'PORT'],
      ['worker', 'WORKER_HEALTH_PORT'],
    ])('probes %s on /health/ready at the port %s names', async (name, variable) => {
      const script = nodeScriptOf(services[name].healthcheck?.test);
      expect(script).toContain(`process.env.${variable}`);
      expect(script).not.toContain('$'); // compose would interpolate it
      const ready = await serve(['/health/ready'], 200);
      const notReady = await serve(['/health/ready'], 503);
      expect(await exitCodeOf(script, { [variable]: String(ready) })).toBe(0);
      expect(await exitCodeOf(script, { [variable]: String(notReady) })).toBe(1);
      expect(await exitCodeOf(script, { [variable]: String(await closedPort()) })).toBe(1);
    });
  });
});

describe('Dockerfile', () => {
  it('builds on and runs on the official Node 24 image', () => {
    const bases = dockerfile.filter((instruction) => instruction.keyword === 'FROM').map(({ args }) => args);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) {
      expect(base).toMatch(/^node:24[-.\w]*(\s+AS\s+\w+)?$/i);
    }
  });

  it('compiles with npm ci and npm run build in a build stage', () => {
    const runs = dockerfile.filter((instruction) => instruction.stage < finalStage && instruction.keyword === 'RUN');
    expect(runs.map(({ args }) => args).join('\n')).toMatch(/npm ci\b/);
    expect(runs.map(({ args }) => args).join('\n')).toContain('npm run build');
  });

  it('copies every directory that tsconfig.build.json compiles into the build stage', () => {
    const copies = dockerfile
      .filter((instruction) => instruction.stage < finalStage && instruction.keyword === 'COPY')
      .map(({ args }) => args.split(/\s+/)[0]);
    expect(BUILD.include.length).toBeGreaterThan(0);
    for (const directory of BUILD.include) {
      expect(copies).toContain(directory);
    }
  });

  it('installs only production dependencies in the runtime stage and copies dist', () => {
    const runs = inFinalStage('RUN').map(({ args }) => args);
    expect(runs.join('\n')).toContain('npm ci --omit=dev');
    expect(inFinalStage('COPY').map(({ args }) => args)).toContainEqual(
      expect.stringMatching(/--from=\S+ \S*dist\S* /),
    );
    expect(inFinalStage('ENV').map(({ args }) => args)).toContainEqual(expect.stringMatching(/NODE_ENV=production/));
  });

  it('runs as the unprivileged node user', () => {
    expect(inFinalStage('USER').at(-1)?.args).toBe('node');
  });

  it('exposes the API and worker health ports', () => {
    const exposed = inFinalStage('EXPOSE').flatMap(({ args }) => args.split(/\s+/));
    const environment = environmentOf(services.api);
    expect(exposed).toEqual(expect.arrayContaining([environment.PORT, environment.WORKER_HEALTH_PORT]));
  });

  it('has a HEALTHCHECK on /health/live that works for the API and the worker', async () => {
    const [healthcheck] = inFinalStage('HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const argv = execForm(healthcheck.args.slice(healthcheck.args.indexOf('CMD')));
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    const { server, port } = await healthServer(['/health/live'], 200);
    try {
      const closed = String(await closedPort());
      expect(await exitCodeOf(argv[2], { PORT: String(port), WORKER_HEALTH_PORT: closed })).toBe(0);
      expect(await exitCodeOf(argv[2], { PORT: closed, WORKER_HEALTH_PORT: String(port) })).toBe(0);
      expect(await exitCodeOf(argv[2], { PORT: closed, WORKER_HEALTH_PORT: closed })).toBe(1);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, secrets and local state out of the build context', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(patterns).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.git', '.demo', 'test/artifacts', 'coverage', '.env']),
    );
  });
});

describe('.env.example', () => {
  const path = join(ROOT, '.env.example');
  const maybe = existsSync(path) ? it : it.skip;

  maybe('names only variables the configuration schema knows', () => {
    const keys = readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) =>
        line
          .replace(/^export\s+/, '')
          .split('=')[0]
          .trim(),
      );
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !SCHEMA_VARIABLES.includes(key))).toEqual([]);
  });
});
