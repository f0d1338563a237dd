export * from './job-producer.service';
export * from './jobs';
export * from './queue.module';
export * from './delete-queue-keys';
