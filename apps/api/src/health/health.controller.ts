import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { QueueFiguresService } from '@app/domain';
import { SmtpProbe } from '@app/mail';
import { readiness } from '@app/metrics';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueFiguresService,
    private readonly smtp: SmtpProbe,
  ) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * The API can serve when the database answers. Redis and SMTP are reported but optional: the API only writes
   * outbox rows, which wait for Redis, and the worker sends the emails; neither should take the API offline.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { httpStatus, report } = await readiness(
      { database: () => this.dataSource.query('SELECT 1').then(() => true) },
      { redis: () => this.queues.reachable(), smtp: () => this.smtp.reachable() },
    );
    void reply.status(httpStatus);
    return report;
  }
}
