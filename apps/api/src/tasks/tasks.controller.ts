import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TasksService, type AuthenticatedKey } from '@app/domain';
import { ApiKeyGuard, CurrentEnterprise } from '../common/api-key.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { createTaskSchema, type CreateTaskDto } from './create-task.dto';
import { presentMatch, presentTask } from './task.presenter';

const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new NotFoundException('task not found') });

@Controller('api/v1/tasks')
@UseGuards(ApiKeyGuard)
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** Posts a task; matching runs in the background. `Idempotency-Key` makes retries safe. */
  @Post()
  @HttpCode(201)
  async create(
    @CurrentEnterprise() enterprise: AuthenticatedKey,
    @Body(new ZodValidationPipe(createTaskSchema)) body: CreateTaskDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = idempotencyKey?.trim() || undefined;
    const { task, replayed } = await this.tasks.create(enterprise.enterpriseId, body, key?.slice(0, 255));
    void reply.header('location', `/api/v1/tasks/${task.id}`);
    if (replayed) {
      void reply.header('idempotent-replayed', 'true');
    }
    return presentTask(task);
  }

  @Get(':id')
  async findOne(@CurrentEnterprise() enterprise: AuthenticatedKey, @Param('id', uuid) id: string) {
    const task = await this.tasks.findOne(enterprise.enterpriseId, id);
    if (!task) {
      throw new NotFoundException('task not found');
    }
    return presentTask(task);
  }

  /** Ranked matches with their breakdowns; contact details only for residents who said they are interested. */
  @Get(':id/matches')
  async matches(@CurrentEnterprise() enterprise: AuthenticatedKey, @Param('id', uuid) id: string) {
    const matches = await this.tasks.listMatches(enterprise.enterpriseId, id);
    if (!matches) {
      throw new NotFoundException('task not found');
    }
    return { items: matches.map(presentMatch) };
  }
}
