import { Module } from '@nestjs/common';
import { TasksModule } from '@app/domain';
import { DashboardPageSupportModule } from '../dashboard-page-support.module';
import { DashboardTasksController } from './dashboard-tasks.controller';

/** `/admin/tasks`: the staff's task list and task pages, over {@link TasksService}. */
@Module({
  imports: [DashboardPageSupportModule, TasksModule],
  controllers: [DashboardTasksController],
})
export class DashboardTasksModule {}
