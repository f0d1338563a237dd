import { Module } from '@nestjs/common';
import { ReferenceModule } from '../regions/reference.module';
import { RematchSchedulingModule } from './rematch-schedulers';
import { ResidentIndex } from './resident-index';
import { TaskMatchingService } from './task-matching.service';

@Module({
  imports: [ReferenceModule, RematchSchedulingModule],
  providers: [TaskMatchingService, ResidentIndex],
  exports: [TaskMatchingService, ResidentIndex, RematchSchedulingModule],
})
export class MatchingModule {}
