import { Module } from '@nestjs/common';
import { TasksModule } from '@app/domain';
import { DashboardNotificationsModule } from '../notifications/dashboard-notifications.module';
import { DashboardTasksController } from './dashboard-tasks.controller';

/** `/admin/tasks`: the staff's task list and task pages, over {@link TasksService}. */
@Module({
  imports: [DashboardNotificationsModule, TasksModule],
  controllers: [DashboardTasksController],
})
export class DashboardTasksModule {}
