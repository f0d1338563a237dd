import { Module } from '@nestjs/common';
import { ReferenceModule } from '../regions/reference.module';
import { TaskMatchingService } from './task-matching.service';

@Module({ imports: [ReferenceModule], providers: [TaskMatchingService], exports: [TaskMatchingService] })
export class MatchingModule {}
