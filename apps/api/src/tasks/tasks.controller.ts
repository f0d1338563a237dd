import { Controller, Get, Headers, HttpCode, NotFoundException, Param, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TasksService, type EnterprisePrincipal } from '@app/domain';
import { Auth, CurrentEnterprise } from '../auth/auth.guard';
import { idParam, pageSchema } from '../common/schemas';
import { ApiRoute, ValidBody, ValidQuery } from '../openapi/api-route.decorator';
import { createTaskSchema, type CreateTaskDto } from './create-task.dto';
import { presentMatch, presentTask } from './task.presenter';
import { matchResponseSchema, taskExample, taskResponseSchema } from './task.schemas';
import { listTasksQuery, updateTaskSchema, type ListTasksQuery, type UpdateTaskDto } from './update-task.dto';

const taskId = idParam('task');
const TAG = 'Tasks';

/** An enterprise's tasks. Every query carries the enterprise's id: another enterprise's task answers 404. */
@Controller('api/v1/tasks')
@Auth('enterprise')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @HttpCode(201)
  @ApiRoute({
    tag: TAG,
    summary: 'Post a task',
    description:
      'Matching runs in the background. A retried request with the same `Idempotency-Key` returns the first task ' +
      '(header `Idempotent-Replayed: true`); the same key with another body answers 422.',
    status: 201,
    body: createTaskSchema,
    example: taskExample,
    response: taskResponseSchema,
    errors: [400, 413, 415, 422],
    headers: [{ name: 'Idempotency-Key', description: 'Makes retries safe; at most 255 characters.' }],
  })
  async create(
    @CurrentEnterprise() enterprise: EnterprisePrincipal,
    @ValidBody() body: CreateTaskDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = idempotencyKey?.trim() || undefined;
    const { task, replayed } = await this.tasks.create(
      enterprise.enterpriseId,
      body,
      key?.slice(0, 255),
      String(reply.request.id),
    );
    void reply.header('location', `/api/v1/tasks/${task.id}`);
    if (replayed) {
      void reply.header('idempotent-replayed', 'true');
    }
    return presentTask(task);
  }

  @Get()
  @ApiRoute({
    tag: TAG,
    summary: "List the enterprise's own tasks, newest first",
    query: listTasksQuery,
    queryExample: { limit: '20', status: 'open,matched' },
    response: pageSchema(taskResponseSchema),
    errors: [400],
  })
  async list(@CurrentEnterprise() enterprise: EnterprisePrincipal, @ValidQuery() query: ListTasksQuery) {
    const page = await this.tasks.list(enterprise.enterpriseId, { status: query.status }, query);
    return { items: page.items.map(presentTask), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiRoute({ tag: TAG, summary: 'Read a task with its matching summary', response: taskResponseSchema, errors: [404] })
  async findOne(@CurrentEnterprise() enterprise: EnterprisePrincipal, @Param('id', taskId) id: string) {
    return presentTask(this.found(await this.tasks.findOne(enterprise.enterpriseId, id)));
  }

  @Patch(':id')
  @ApiRoute({
    tag: TAG,
    summary: 'Edit a live task; it is matched again',
    description: 'Allowed while the task is open, matching or matched (else 409). Bumps `version`.',
    body: updateTaskSchema,
    example: { deadline: '2027-01-15', requirements: [{ capability: '25.62', weight: 1, required: true }] },
    response: taskResponseSchema,
    errors: [400, 404, 409, 413, 415],
  })
  async update(
    @CurrentEnterprise() enterprise: EnterprisePrincipal,
    @Param('id', taskId) id: string,
    @ValidBody() body: UpdateTaskDto,
  ) {
    return presentTask(this.found(await this.tasks.update(enterprise.enterpriseId, id, body)));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiRoute({
    tag: TAG,
    summary: 'Close a task (the work is placed)',
    response: taskResponseSchema,
    errors: [404, 409],
  })
  async close(@CurrentEnterprise() enterprise: EnterprisePrincipal, @Param('id', taskId) id: string) {
    return presentTask(this.found(await this.tasks.finish(enterprise.enterpriseId, id, 'closed')));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiRoute({ tag: TAG, summary: 'Cancel a task', response: taskResponseSchema, errors: [404, 409] })
  async cancel(@CurrentEnterprise() enterprise: EnterprisePrincipal, @Param('id', taskId) id: string) {
    return presentTask(this.found(await this.tasks.finish(enterprise.enterpriseId, id, 'cancelled')));
  }

  @Get(':id/matches')
  @ApiRoute({
    tag: TAG,
    summary: 'Ranked matches with their breakdowns',
    description: "A resident's contact details appear only once that resident said it is interested.",
    response: pageSchema(matchResponseSchema).omit({ nextCursor: true }),
    errors: [404],
  })
  async matches(@CurrentEnterprise() enterprise: EnterprisePrincipal, @Param('id', taskId) id: string) {
    const matches = this.found(await this.tasks.listMatches(enterprise.enterpriseId, id));
    return { items: matches.map(presentMatch) };
  }

  private found<T>(value: T | null): T {
    if (value === null) {
      throw new NotFoundException('task not found');
    }
    return value;
  }
}
