import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QueueFiguresService } from '@app/domain';
import { DashboardPageSupport } from '../dashboard-page-support';
import { renderAdminsOnlyPage } from '../dashboard-pages';

/** Where Bull Board lives: under the dashboard, so the session cookie (Path=/admin) reaches it. */
export const QUEUES_BOARD_PATH = '/admin/queues';

/**
 * Bull Board's UI is a React app: its own scripts, styles and API calls, all from this origin. The rest of
 * the dashboard keeps its script-free policy; this one is relaxed only as far as the board needs.
 */
export const QUEUES_BOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mounts Bull Board at {@link QUEUES_BOARD_PATH} on the app's Fastify instance, for admins only: no session
 * redirects to sign-in, a coordinator gets a 403 page. Bull Board's routes are plain Fastify routes, so they
 * are outside the Nest controllers (and the OpenAPI document) but still get the app's security headers;
 * the hook here replaces only the CSP. Bull Board's own writes (retry, clean, pause) are fetch calls with
 * the session cookie; SameSite=Lax keeps them from other sites, and a same-origin check refuses the rest.
 */
@Injectable()
export class QueuesBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pages: DashboardPageSupport,
    private readonly queueFigures: QueueFiguresService,
  ) {}

  onModuleInit(): void {
    const board = new FastifyAdapter();
    board.setBasePath(QUEUES_BOARD_PATH);
    createBullBoard({
      queues: this.queueFigures.boardQueues().map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'TechnoMatch' } },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Loaded with the app's other plugins when Fastify becomes ready (listen or init of the server).
    void fastify.register((scope, _options, done) => {
      scope.addHook('onRequest', (request, reply) => this.admitAdmins(request, reply));
      void scope.register(board.registerPlugin(), { prefix: QUEUES_BOARD_PATH });
      done();
    });
  }

  private async admitAdmins(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const session = await this.pages.session(request);
    if (!session) {
      this.pages.redirect(reply, '/admin/login');
      return reply;
    }
    if (session.user.role !== 'admin') {
      this.pages.html(reply, 403, renderAdminsOnlyPage(this.pages.context(request, session)));
      return reply;
    }
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      this.pages.forbidden(request, reply, session);
      return reply;
    }
    void reply.header('content-security-policy', QUEUES_BOARD_CSP).header('cache-control', 'no-store');
    return undefined;
  }
}

/** A write from this origin: browsers send `Sec-Fetch-Site` and `Origin` with every fetch that changes state. */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site === 'same-origin';
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') {
    return false;
  }
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
