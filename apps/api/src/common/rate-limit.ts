import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { loadAppConfig } from '@app/config';
import { bearerToken } from '../auth/auth.guard';

/** Requests per minute for one API key or session token (or one client address without a token): RATE_LIMIT_PER_MINUTE, read once. */
let apiRateLimit: number | undefined;
export const API_RATE_LIMIT = { limit: () => (apiRateLimit ??= loadAppConfig().rateLimitPerMinute), ttl: 60_000 };
/** Login attempts per minute for one client address and email. */
export const LOGIN_RATE_LIMIT = { limit: 10, ttl: 60_000 };
/** Login attempts per minute for one client address, whatever the emails: bounds password spraying. */
export const LOGIN_ADDRESS_RATE_LIMIT = { limit: 100, ttl: 60_000 };

function isLogin(request: FastifyRequest): boolean {
  const route = request.routeOptions?.url;
  return route === '/api/v1/auth/login' || (route === '/admin/login' && request.method === 'POST');
}

export const THROTTLER_OPTIONS: ThrottlerModuleOptions = {
  throttlers: [{ name: 'default', ...API_RATE_LIMIT }],
  errorMessage: 'too many requests; retry after the number of seconds in Retry-After',
};

/**
 * Rate limits per credential, before authentication: the tracker is the bearer token (the store keeps only a
 * hash of it), so a flood of requests with one key costs no database lookups once it is over the limit. Login is
 * tracked per client address and email, so one attacker cannot lock out a whole office.
 * The counters are shared by the replicas in Redis (SharedThrottlerStorage), each replica counting on its
 * own only while Redis is away.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const fastifyRequest = request as unknown as FastifyRequest;
    if (isLogin(fastifyRequest)) {
      const body = fastifyRequest.body as { email?: unknown } | undefined;
      const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
      return Promise.resolve(`login:${fastifyRequest.ip}:${email}`);
    }
    const token = bearerToken(fastifyRequest);
    return Promise.resolve(token ? `token:${token}` : `ip:${fastifyRequest.ip}`);
  }

  /**
   * Logins are counted twice: per address and email (above), and per address alone with a larger
   * budget, so that trying one password on many accounts from one address is limited too.
   */
  protected override async handleRequest(requestProps: ThrottlerRequest): Promise<boolean> {
    const request = requestProps.context.switchToHttp().getRequest<FastifyRequest>();
    if (isLogin(request)) {
      await super.handleRequest({
        ...requestProps,
        ...LOGIN_ADDRESS_RATE_LIMIT,
        getTracker: () => Promise.resolve(`login-address:${request.ip}`),
      });
    }
    return super.handleRequest(requestProps);
  }

  /** One budget per credential across all routes (the default key would give each route its own). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  /** Probes and Prometheus scrapes are never throttled: monitoring must not go blind under a flood. */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return Promise.resolve(request.url.startsWith('/health/') || request.url === '/metrics');
  }
}
