import { Module } from '@nestjs/common';
import { RematchSchedulingModule } from '../matches/rematch-schedulers';
import { ReferenceModule } from '../regions/reference.module';
import { TasksService } from './tasks.service';

@Module({ imports: [ReferenceModule, RematchSchedulingModule], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
