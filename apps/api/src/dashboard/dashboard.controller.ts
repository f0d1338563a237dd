import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AuthService,
  DashboardService,
  DomainValidationError,
  MatchReviewService,
  QueueFiguresService,
  SESSION_TTL_MS,
  type ReviewDecision,
  type UserPrincipal,
} from '@app/domain';
import { LOGIN_RATE_LIMIT } from '../common/rate-limit';
import { CONTENT_SECURITY_POLICY } from './dashboard-page-support';
import { DashboardFailureFilter } from './dashboard-failure.filter';
import { dashboardLanguage, type DashboardLanguage } from './dashboard-i18n';
import { renderForbiddenPage, renderLoginPage, renderReviewPage, type PageContext } from './dashboard-pages';
import { renderOverviewPage } from './overview/overview-page';
import { chooseOverviewRange } from './overview/overview-range';
import {
  CSRF_FIELD,
  LANGUAGE_COOKIE,
  PRE_SESSION_COOKIE,
  SESSION_COOKIE,
  csrfTokenFor,
  isValidCsrfToken,
  newPreSessionNonce,
  readCookie,
  serializeCookie,
} from './dashboard-session';

const REVIEW_PAGE_SIZE = 50;
/** Scripts, frames and foreign resources have no business on these pages; styles are inline. */

const loginFormSchema = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1024).default(''),
});

const uuid = z.uuid();
const reviewFormSchema = z.object({
  one: z
    .string()
    .regex(/^[0-9a-f-]{36}:(approve|reject)$/)
    .optional(),
  decision: z.enum(['approve', 'reject']).optional(),
  ids: z.union([uuid, z.array(uuid).max(REVIEW_PAGE_SIZE)]).optional(),
});

const reviewQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  done: z.coerce.number().int().min(0).optional(),
  failed: z.coerce.number().int().min(0).optional(),
});

interface Session {
  token: string;
  user: UserPrincipal;
}

/**
 * The coordinators' dashboard, rendered on the server. Sessions are the signed tokens of
 * {@link AuthService} in an httpOnly cookie; every POST form carries a CSRF token derived from the
 * session. Pages never throw into the JSON problem filter: they answer HTML or redirect.
 */
@Controller('admin')
@UseFilters(DashboardFailureFilter)
export class DashboardController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly reviews: MatchReviewService,
    private readonly dashboard: DashboardService,
    private readonly queueFigures: QueueFiguresService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get('login')
  async showLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (await this.session(request)) {
      return this.redirect(reply, '/admin');
    }
    const nonce = this.preSessionNonce(request, reply);
    this.html(reply, 200, renderLoginPage(this.context(request, null, nonce), false));
  }

  /** The same lockout as the API's login, and the same rate limit per client address and email. */
  @Post('login')
  @Throttle({ default: LOGIN_RATE_LIMIT })
  async login(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const nonce = readCookie(request, PRE_SESSION_COOKIE);
    if (!isValidCsrfToken(nonce, csrfField(body), this.config.appSecret)) {
      return this.forbidden(request, reply, null);
    }
    const form = loginFormSchema.safeParse(body ?? {});
    const email = form.success ? form.data.email : '';
    const session =
      form.success && email && form.data.password ? await this.auth.login(email, form.data.password) : null;
    if (!session) {
      this.html(reply, 401, renderLoginPage(this.context(request, null, nonce ?? ''), true, email));
      return;
    }
    void reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, session.token, {
        secure: this.secureCookies,
        maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000,
      }),
      serializeCookie(PRE_SESSION_COOKIE, '', { secure: this.secureCookies, maxAgeSeconds: 0 }),
    ]);
    this.redirect(reply, '/admin');
  }

  /** Clears the cookie. The signed token itself stays valid until it expires (see AuthService). */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.session(request);
    if (!session) {
      return this.redirect(reply, '/admin/login');
    }
    if (!isValidCsrfToken(session.token, csrfField(body), this.config.appSecret)) {
      return this.forbidden(request, reply, session);
    }
    void reply.header(
      'set-cookie',
      serializeCookie(SESSION_COOKIE, '', { secure: this.secureCookies, maxAgeSeconds: 0 }),
    );
    this.redirect(reply, '/admin/login');
  }

  /** A GET, as it only changes the reader's own display preference. */
  @Get('lang')
  switchLanguage(@Query('to') to: unknown, @Query('next') next: unknown, @Res() reply: FastifyReply): void {
    const language = dashboardLanguage(typeof to === 'string' ? to : null);
    void reply.header(
      'set-cookie',
      serializeCookie(LANGUAGE_COOKIE, language, {
        secure: this.secureCookies,
        maxAgeSeconds: 365 * 24 * 3600,
        httpOnly: false,
      }),
    );
    // Only paths of the dashboard itself: never an open redirect to another site.
    const target = typeof next === 'string' && /^\/admin(?:[/?]|$)/.test(next) ? next : '/admin';
    this.redirect(reply, target);
  }

  /**
   * Counts as of now, queue depths, and charts over `?from=&to=` (Minsk days; the last 30 by default). A bad
   * range answers 400 with the page itself, saying what is wrong and charting the default range instead.
   */
  @Get()
  async overview(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.session(request);
    if (!session) {
      return this.redirect(reply, '/admin/login');
    }
    const choice = chooseOverviewRange(query);
    const range = choice.ok ? choice.range : choice.fallback;
    const [overview, charts, queues] = await Promise.all([
      this.dashboard.overview(session.user),
      this.dashboard.charts(session.user, range),
      this.queueFigures.figures(),
    ]);
    const asked = (name: string) => {
      const value = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[name] : undefined;
      return typeof value === 'string' ? value.slice(0, 32) : '';
    };
    const requested = choice.ok ? range : { from: asked('from'), to: asked('to') };
    this.html(
      reply,
      choice.ok ? 200 : 400,
      renderOverviewPage(this.context(request, session), {
        overview,
        charts,
        queues,
        requested,
        problem: choice.ok ? null : choice.problem,
      }),
    );
  }

  @Get('review')
  async reviewQueue(
    @Req() request: FastifyRequest,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.session(request);
    if (!session) {
      return this.redirect(reply, '/admin/login');
    }
    const parsed = reviewQuerySchema.safeParse(query ?? {});
    const params = parsed.success ? parsed.data : {};
    let page;
    try {
      page = await this.reviews.list(session.user, {
        status: 'proposed',
        limit: REVIEW_PAGE_SIZE,
        cursor: params.cursor,
      });
    } catch (error) {
      if (error instanceof DomainValidationError) {
        return this.redirect(reply, '/admin/review');
      }
      throw error;
    }
    const result =
      params.done !== undefined || params.failed !== undefined
        ? { done: params.done ?? 0, failed: params.failed ?? 0 }
        : null;
    this.html(
      reply,
      200,
      renderReviewPage(this.context(request, session), {
        matches: page.items,
        nextCursor: page.nextCursor,
        result,
      }),
    );
  }

  /** Approves or rejects one match (a row's button) or every checked one (the bulk buttons), each through the review service. */
  @Post('review')
  async decide(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.session(request);
    if (!session) {
      return this.redirect(reply, '/admin/login');
    }
    if (!isValidCsrfToken(session.token, csrfField(body), this.config.appSecret)) {
      return this.forbidden(request, reply, session);
    }
    const form = reviewFormSchema.safeParse(body ?? {});
    const decisions: { id: string; decision: ReviewDecision }[] = [];
    if (form.success && form.data.one) {
      const [id, decision] = form.data.one.split(':') as [string, ReviewDecision];
      decisions.push({ id, decision });
    } else if (form.success && form.data.decision) {
      const decision = form.data.decision;
      for (const id of [form.data.ids ?? []].flat()) {
        decisions.push({ id, decision });
      }
    }
    let done = 0;
    for (const { id, decision } of decisions) {
      const outcome = await this.reviews.review(id, decision, session.user);
      if (outcome.kind === 'done') {
        done += 1;
      }
    }
    this.redirect(reply, `/admin/review?done=${done}&failed=${decisions.length - done}`);
  }

  private async session(request: FastifyRequest): Promise<Session | null> {
    const token = readCookie(request, SESSION_COOKIE);
    const user = token ? await this.auth.authenticate(token) : null;
    return token && user ? { token, user } : null;
  }

  private preSessionNonce(request: FastifyRequest, reply: FastifyReply): string {
    const existing = readCookie(request, PRE_SESSION_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) {
      return existing;
    }
    const nonce = newPreSessionNonce();
    void reply.header(
      'set-cookie',
      serializeCookie(PRE_SESSION_COOKIE, nonce, { secure: this.secureCookies, maxAgeSeconds: SESSION_TTL_MS / 1000 }),
    );
    return nonce;
  }

  private context(request: FastifyRequest, session: Session | null, binding = session?.token ?? ''): PageContext {
    return {
      language: this.language(request),
      path: request.url,
      user: session?.user ?? null,
      csrfToken: binding ? csrfTokenFor(binding, this.config.appSecret) : '',
    };
  }

  private language(request: FastifyRequest): DashboardLanguage {
    return dashboardLanguage(readCookie(request, LANGUAGE_COOKIE));
  }

  private forbidden(request: FastifyRequest, reply: FastifyReply, session: Session | null): void {
    this.html(reply, 403, renderForbiddenPage(this.context(request, session)));
  }

  private html(reply: FastifyReply, status: number, html: string): void {
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(html);
  }

  private redirect(reply: FastifyReply, location: string): void {
    void reply.status(303).header('location', location).header('cache-control', 'no-store').send();
  }
}

function csrfField(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
}
