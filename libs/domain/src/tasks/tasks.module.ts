import { Module } from '@nestjs/common';
import { ReferenceModule } from '../regions/reference.module';
import { TasksService } from './tasks.service';

@Module({ imports: [ReferenceModule], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
