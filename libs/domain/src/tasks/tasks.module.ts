import { Module } from '@nestjs/common';
import { RematchSchedulingModule } from '../matches/rematch-schedulers';
import { ReferenceModule } from '../regions/reference.module';
import { TaskInsertBatcher } from './task-insert-batcher';
import { TasksService } from './tasks.service';

@Module({
  imports: [ReferenceModule, RematchSchedulingModule],
  providers: [TasksService, TaskInsertBatcher],
  exports: [TasksService],
})
export class TasksModule {}
