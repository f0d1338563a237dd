import { z } from 'zod';

const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: `must be a ${protocols.join(' or ')} URL` });

const boolean = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY next to addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which proxies may set X-Forwarded-For: none (`false`, the default: the API faces clients itself), a number of
 * hops in front of it, or a comma-separated list of addresses, CIDRs and range names. `true` is refused: trusting
 * any sender lets every client choose its own address and escape the per-address rate limits.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, context): false | number | string[] => {
    if (value === 'false' || value === '' || value === '0') {
      return false;
    }
    const hops = /^\d+$/.test(value) ? Number(value) : null;
    const ipv4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
    const ipv6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/\d{1,3})?$/;
    const entries = value.split(',').map((entry) => entry.trim());
    if (hops !== null && hops <= 10) {
      return hops;
    }
    if (
      hops === null &&
      entries.every((entry) => PROXY_RANGE_NAMES.includes(entry) || ipv4.test(entry) || ipv6.test(entry))
    ) {
      return entries;
    }
    context.addIssue({
      code: 'custom',
      message:
        'must be false, a hop count (1-10) or a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal',
    });
    return z.NEVER;
  });

const INSECURE_DEV_SECRET = 'dev-only-secret-do-not-use-in-production-0000';

/**
 * Every environment variable the apps read, with local defaults that work on a developer machine.
 * Keep `.env.example` and the README in step with this schema.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/technomatch'),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('TechnoMatch <no-reply@technomatch.local>'),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://localhost:3000'),
  APP_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).default(INSECURE_DEV_SECRET),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  WORKER_HEALTH_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, { error: 'must be 1-32 characters of a-z, 0-9, _ or -' })
    .default('tm'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  NOTIFICATION_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFICATION_RATE_PER_SECOND: z.coerce.number().int().min(0).default(0),
  MATCH_CAPABILITY_WEIGHT: z.coerce.number().min(0).max(1).default(0.7),
  MATCH_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  MATCH_LIMIT: z.coerce.number().int().min(1).max(100).default(25),
  MATCH_DISTANCE_SCALE_KM: z.coerce.number().min(50).max(5000).default(800),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_LOG_QUERIES: boolean.default(false),
  TRUST_PROXY: trustProxy,
  WEBHOOK_ALLOW_PRIVATE: boolean.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  SWEEP_EVERY_MS: z.coerce.number().int().min(1000).default(300_000),
  STUCK_AFTER_SECONDS: z.coerce.number().int().min(1).default(900),
});

export type Environment = z.input<typeof environmentSchema>;

/** The typed, validated configuration. Built once per app by {@link loadAppConfig}. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  mailFrom: string;
  publicBaseUrl: string;
  appSecret: string;
  port: number;
  workerHealthPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  queuePrefix: string;
  outboxPollMs: number;
  notificationAttempts: number;
  notificationRatePerSecond: number;
  matching: {
    capabilityWeight: number;
    regionWeight: number;
    threshold: number;
    limit: number;
    distanceScaleKm: number;
  };
  dbPoolSize: number;
  dbLogQueries: boolean;
  /** Proxies trusted to report the client's address (X-Forwarded-For): none, a hop count, or addresses. */
  trustProxy: false | number | string[];
  /** Lets webhooks reach private and loopback addresses (development and tests only; off: SSRF guard). */
  webhookAllowPrivate: boolean;
  /** API requests per minute for one API key or session token (login has its own, fixed limit). */
  rateLimitPerMinute: number;
  /** How often each worker sweeps for work whose job was lost (Redis lost its data). */
  sweepEveryMs: number;
  /** How long a notification may stay queued/sending, or a task unmatched, before a sweep gives it a new job. */
  stuckAfterSeconds: number;
}

/** Injection token of the validated {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Thrown for invalid configuration; its message names the variable and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates the environment and returns the typed configuration.
 * @throws ConfigError naming the first invalid variable.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const provided = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(provided);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.APP_SECRET === INSECURE_DEV_SECRET) {
    throw new ConfigError('Invalid configuration: APP_SECRET must be set to a random secret in production');
  }
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    appSecret: e.APP_SECRET,
    port: e.PORT,
    workerHealthPort: e.WORKER_HEALTH_PORT,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.QUEUE_PREFIX,
    outboxPollMs: e.OUTBOX_POLL_MS,
    notificationAttempts: e.NOTIFICATION_ATTEMPTS,
    notificationRatePerSecond: e.NOTIFICATION_RATE_PER_SECOND,
    matching: {
      capabilityWeight: e.MATCH_CAPABILITY_WEIGHT,
      regionWeight: Math.round((1 - e.MATCH_CAPABILITY_WEIGHT) * 1e6) / 1e6,
      threshold: e.MATCH_THRESHOLD,
      limit: e.MATCH_LIMIT,
      distanceScaleKm: e.MATCH_DISTANCE_SCALE_KM,
    },
    dbPoolSize: e.DB_POOL_SIZE,
    dbLogQueries: e.DB_LOG_QUERIES,
    trustProxy: e.TRUST_PROXY,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    sweepEveryMs: e.SWEEP_EVERY_MS,
    stuckAfterSeconds: e.STUCK_AFTER_SECONDS,
  };
}
