import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TASK_STATUSES, TasksService } from '@app/domain';
import { DashboardFailureFilter } from '../dashboard-failure.filter';
import { DashboardPageSupport } from '../dashboard-page-support';
import { renderTaskListPage, renderTaskNotFoundPage, renderTaskPage } from './task-pages';

const TASK_PAGE_SIZE = 100;
const uuid = z.uuid();
/** Empty form fields mean "any". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional();
const taskFilterSchema = z.object({
  status: z.union([z.enum(TASK_STATUSES), z.literal('').transform(() => undefined)]).optional(),
  enterprise: optionalText(200),
  region: optionalText(8),
  capability: optionalText(64),
});

/** `/admin/tasks`: tasks with matches in the staff member's technoparks (all for admins) and one task's matches. */
@Controller('admin/tasks')
@UseFilters(DashboardFailureFilter)
export class DashboardTasksController {
  constructor(
    private readonly pages: DashboardPageSupport,
    private readonly tasks: TasksService,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const parsed = taskFilterSchema.safeParse(query ?? {});
    const filter = parsed.success ? parsed.data : {};
    const tasks = await this.tasks.listForStaff(session.user, { ...filter, limit: TASK_PAGE_SIZE });
    this.pages.html(reply, 200, renderTaskListPage(this.pages.context(request, session), filter, tasks));
  }

  @Get(':id')
  async show(@Req() request: FastifyRequest, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.pages.pageSession(request, reply);
    if (!session) {
      return;
    }
    const context = this.pages.context(request, session);
    const view = uuid.safeParse(id).success ? await this.tasks.findForStaff(id, session.user) : null;
    if (!view) {
      return this.pages.html(reply, 404, renderTaskNotFoundPage(context));
    }
    this.pages.html(reply, 200, renderTaskPage(context, view));
  }
}
