import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { NotificationsService, ResidentImportsService, TaskMatchingService } from '@app/domain';
import { NotificationSchedulers } from './notification-schedulers';
import { QueueSettings } from './queue-settings';

/**
 * Recovers from Redis losing its data, every SWEEP_EVERY_MS: gives a new job to notifications and
 * tasks whose job is gone (older than STUCK_AFTER_SECONDS), and upserts the job schedulers and the email
 * rate limit again. It runs
 * on a timer in the worker, not as a BullMQ job scheduler: those live in Redis and vanish with it. Every
 * worker runs it; the notification sweep locks its rows with SKIP LOCKED and re-queued tasks keep their
 * job id, so several workers sweeping at once queue nothing twice.
 */
@Injectable()
export class RecoverySweepsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverySweepsRunner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly matching: TaskMatchingService,
    private readonly imports: ResidentImportsService,
    private readonly schedulers: NotificationSchedulers,
    private readonly queueSettings: QueueSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = null));
    }, this.config.sweepEveryMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const notifications = await this.notifications.sweepStuck();
      const tasks = await this.matching.requeueUnmatchedTasks(this.config.stuckAfterSeconds);
      const imports = await this.imports.recoverStalled(this.config.stuckAfterSeconds);
      if (notifications + tasks + imports > 0) {
        this.logger.warn(
          `Re-queued ${notifications} stuck notifications and ${tasks} unmatched tasks; recovered ${imports} stalled imports`,
        );
      }
      await this.schedulers.upsert();
      await this.queueSettings.apply();
    } catch (error) {
      this.logger.warn(`Recovery sweep failed, will retry: ${String(error)}`);
    }
  }
}
