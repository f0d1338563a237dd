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
} from '@app/domain';
import { LOGIN_RATE_LIMIT } from '../common/rate-limit';
import { DashboardPageSupport } from './dashboard-page-support';
import { DashboardFailureFilter } from './dashboard-failure.filter';
import { dashboardLanguage } from './dashboard-i18n';
import { renderLoginPage, renderReviewPage } from './dashboard-pages';
import { renderOverviewPage } from './overview/overview-page';
import { chooseOverviewRange } from './overview/overview-range';
import {
  CSRF_FIELD,
  LANGUAGE_COOKIE,
  PRE_SESSION_COOKIE,
  SESSION_COOKIE,
  isValidCsrfToken,
  newPreSessionNonce,
  readCookie,
  serializeCookie,
} from './dashboard-session';

const REVIEW_PAGE_SIZE = 50;

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
    private readonly pages: DashboardPageSupport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get('login')
  async showLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (await this.pages.session(request)) {
      return this.pages.redirect(reply, '/admin');
    }
    const nonce = this.preSessionNonce(request, reply);
    this.pages.html(reply, 200, renderLoginPage(this.pages.context(request, null, nonce), false));
  }

  /** The same lockout as the API's login, and the same rate limit per client address and email. */
  @Post('login')
  @Throttle({ default: LOGIN_RATE_LIMIT })
  async login(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const nonce = readCookie(request, PRE_SESSION_COOKIE);
    if (!isValidCsrfToken(nonce, csrfField(body), this.config.appSecret)) {
      return this.pages.forbidden(request, reply, null);
    }
    const form = loginFormSchema.safeParse(body ?? {});
    const email = form.success ? form.data.email : '';
    const session =
      form.success && email && form.data.password ? await this.auth.login(email, form.data.password) : null;
    if (!session) {
      this.pages.html(reply, 401, renderLoginPage(this.pages.context(request, null, nonce ?? ''), true, email));
      return;
    }
    void reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, session.token, {
        secure: this.secureCookies,
        maxAgeSeconds: (session.expiresAt.getTime() - Date.now()) / 1000,
      }),
      serializeCookie(PRE_SESSION_COOKIE, '', { secure: this.secureCookies, maxAgeSeconds: 0 }),
    ]);
    this.pages.redirect(reply, '/admin');
  }

  /** Clears the cookie. The signed token itself stays valid until it expires (see AuthService). */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    void reply.header(
      'set-cookie',
      serializeCookie(SESSION_COOKIE, '', { secure: this.secureCookies, maxAgeSeconds: 0 }),
    );
    this.pages.redirect(reply, '/admin/login');
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
    this.pages.redirect(reply, target);
  }

  /**
   * Counts as of now, queue depths, and charts over `?from=&to=` (Minsk days; the last 30 by default). A bad
   * range answers 400 with the page itself, saying what is wrong and charting the default range instead.
   */
  @Get()
  async overview(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
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
    this.pages.html(
      reply,
      choice.ok ? 200 : 400,
      renderOverviewPage(this.pages.context(request, session), {
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
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
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
        return this.pages.redirect(reply, '/admin/review');
      }
      throw error;
    }
    const result =
      params.done !== undefined || params.failed !== undefined
        ? { done: params.done ?? 0, failed: params.failed ?? 0 }
        : null;
    this.pages.html(
      reply,
      200,
      renderReviewPage(this.pages.context(request, session), {
        matches: page.items,
        nextCursor: page.nextCursor,
        result,
      }),
    );
  }

  /** Approves or rejects one match (a row's button) or every checked one (the bulk buttons), each through the review service. */
  @Post('review')
  async decide(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
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
    this.pages.redirect(reply, `/admin/review?done=${done}&failed=${decisions.length - done}`);
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
}

function csrfField(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
}
