import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NOTIFICATION_STATUSES, NotificationDeliveryService, NotificationsService } from '@app/domain';
import { DashboardFailureFilter } from '../dashboard-failure.filter';
import { DashboardPageSupport } from '../dashboard-page-support';
import {
  renderNotificationLogPage,
  renderNotificationNotFoundPage,
  renderNotificationPage,
} from './notification-pages';

const LOG_PAGE_SIZE = 100;
const uuid = z.uuid();
const logQuerySchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  notice: z.enum(['retried', 'not-failed']).optional(),
});

/** The dashboard's notification log, one email's page, and the retry of a failed one (scoped like the API). */
@Controller('admin/notifications')
@UseFilters(DashboardFailureFilter)
export class DashboardNotificationsController {
  constructor(
    private readonly pages: DashboardPageSupport,
    private readonly notifications: NotificationsService,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  @Get()
  async log(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const parsed = logQuerySchema.safeParse(query ?? {});
    const params = parsed.success ? parsed.data : {};
    const entries = await this.notifications.log(session.user, { status: params.status, limit: LOG_PAGE_SIZE });
    this.pages.html(
      reply,
      200,
      renderNotificationLogPage(this.pages.context(request, session), {
        entries,
        status: params.status ?? null,
        notice: params.notice ?? null,
      }),
    );
  }

  @Get(':id')
  async show(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const context = this.pages.context(request, session);
    const entry = uuid.safeParse(id).success ? await this.notifications.findOne(id, session.user) : null;
    if (!entry) {
      return this.pages.html(reply, 404, renderNotificationNotFoundPage(context));
    }
    const parsed = logQuerySchema.safeParse(query ?? {});
    const preview = await this.delivery.preview(entry.id, session.user);
    const notice = parsed.success ? (parsed.data.notice ?? null) : null;
    this.pages.html(reply, 200, renderNotificationPage(context, entry, preview, notice));
  }

  @Post(':id/retry')
  async retry(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.pages.formSession(request, reply, body);
    if (!session) {
      return;
    }
    const outcome = uuid.safeParse(id).success ? await this.notifications.retry(id, session.user) : 'not-found';
    if (outcome === 'not-found') {
      return this.pages.html(reply, 404, renderNotificationNotFoundPage(this.pages.context(request, session)));
    }
    this.pages.redirect(reply, `/admin/notifications/${id}?notice=${outcome === 'queued' ? 'retried' : 'not-failed'}`);
  }
}
