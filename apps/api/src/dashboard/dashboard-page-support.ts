import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuthService, type UserPrincipal } from '@app/domain';
import { dashboardLanguage } from './dashboard-i18n';
import { renderForbiddenPage, type PageContext } from './dashboard-pages';
import {
  CSRF_FIELD,
  LANGUAGE_COOKIE,
  SESSION_COOKIE,
  csrfTokenFor,
  isValidCsrfToken,
  readCookie,
} from './dashboard-session';

/** Every dashboard page's policy: no scripts, no foreign resources. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface DashboardSession {
  token: string;
  user: UserPrincipal;
}

/**
 * Session, CSRF and response plumbing shared by the dashboard's feature controllers (residents, tasks,
 * notifications), with the same cookies and tokens as the main dashboard controller.
 */
@Injectable()
export class DashboardPageSupport {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async session(request: FastifyRequest): Promise<DashboardSession | null> {
    const token = readCookie(request, SESSION_COOKIE);
    const user = token ? await this.auth.authenticate(token) : null;
    return token && user ? { token, user } : null;
  }

  /** The session of a page, or null once it has redirected to sign-in. */
  async pageSession(request: FastifyRequest, reply: FastifyReply): Promise<DashboardSession | null> {
    const session = await this.session(request);
    if (!session) {
      this.redirect(reply, '/admin/login');
    }
    return session;
  }

  /**
   * The session of a form POST, or null once it has answered: a redirect to sign-in without a session, the
   * 403 page without the session's CSRF token.
   */
  async formSession(request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<DashboardSession | null> {
    const session = await this.pageSession(request, reply);
    if (!session) {
      return null;
    }
    if (!this.hasValidCsrf(session, body)) {
      this.forbidden(request, reply, session);
      return null;
    }
    return session;
  }

  hasValidCsrf(session: DashboardSession, body: unknown): boolean {
    const presented =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
    return isValidCsrfToken(session.token, presented, this.config.appSecret);
  }

  /** What every page renders with; forms are bound to the session, or to `binding` (sign-in's pre-session nonce). */
  context(request: FastifyRequest, session: DashboardSession | null, binding = session?.token ?? ''): PageContext {
    return {
      language: dashboardLanguage(readCookie(request, LANGUAGE_COOKIE)),
      path: request.url,
      user: session?.user ?? null,
      csrfToken: binding ? csrfTokenFor(binding, this.config.appSecret) : '',
    };
  }

  forbidden(request: FastifyRequest, reply: FastifyReply, session: DashboardSession | null): void {
    this.html(reply, 403, renderForbiddenPage(this.context(request, session)));
  }

  html(reply: FastifyReply, status: number, html: string): void {
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(html);
  }

  redirect(reply: FastifyReply, location: string): void {
    void reply.status(303).header('location', location).header('cache-control', 'no-store').send();
  }
}
