import { Injectable, type OnModuleInit } from '@nestjs/common';
import { checkJobHandlers } from './job-processor';
import { MatchingProcessor } from './matching.processor';
import { NotificationsProcessor } from './notifications.processor';
import { ResidentImportsProcessor } from './resident-imports.processor';
import { WebhooksProcessor } from './webhooks.processor';

/** Refuses to start a worker in which some job has no handler, or two. */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  constructor(
    private readonly matching: MatchingProcessor,
    private readonly notifications: NotificationsProcessor,
    private readonly webhooks: WebhooksProcessor,
    private readonly residentImports: ResidentImportsProcessor,
  ) {}

  onModuleInit(): void {
    checkJobHandlers([this.matching, this.notifications, this.webhooks, this.residentImports]);
  }
}
