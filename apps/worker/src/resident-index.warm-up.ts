import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TaskMatchingService } from '@app/domain';

/**
 * Loads the matching index in the background as the worker starts, so that the first task does not wait
 * for it. A failure only logs: the first task loads the index again.
 */
@Injectable()
export class ResidentIndexWarmUp implements OnApplicationBootstrap {
  private readonly logger = new Logger(ResidentIndexWarmUp.name);

  constructor(private readonly matching: TaskMatchingService) {}

  onApplicationBootstrap(): void {
    this.matching.warmUp().then(
      (residents) => this.logger.log(`Resident index ready: ${residents} residents`),
      (error: unknown) => this.logger.warn(`Resident index not loaded yet: ${String(error)}`),
    );
  }
}
