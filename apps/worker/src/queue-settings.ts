import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobProducer, QueueName } from '@app/queue';

/** Applies queue-wide settings stored in Redis: the email rate limit holds across all workers. */
@Injectable()
export class QueueSettings implements OnApplicationBootstrap {
  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apply();
  }

  /** Applies the settings; also run by the recovery sweep, since a Redis that lost its data lost them too. */
  async apply(): Promise<void> {
    const notifications = this.producer.queue(QueueName.Notifications);
    if (this.config.notificationRatePerSecond > 0) {
      await notifications.setGlobalRateLimit(this.config.notificationRatePerSecond, 1000);
    } else {
      await notifications.removeGlobalRateLimit();
    }
  }
}
