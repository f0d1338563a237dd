import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';

/**
 * Whether Redis (REDIS_URL) answers PING, for apps that hold no queue connection of their own (the API). One
 * connection, opened on the first probe; commands fail at once while it is down instead of queueing.
 */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private client: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async reachable(): Promise<boolean> {
    this.client ??= new Redis(this.config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
    }).on('error', () => undefined);
    if (this.client.status === 'wait') {
      await this.client.connect().catch(() => undefined);
    }
    return this.client.ping().then(
      (answer) => answer === 'PONG',
      () => false,
    );
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
