import { Module } from '@nestjs/common';
import { AuthModule } from '@app/domain';
import { DashboardPageSupport } from './dashboard-page-support';

/** The session, CSRF and response plumbing every dashboard feature module uses. */
@Module({
  imports: [AuthModule],
  providers: [DashboardPageSupport],
  exports: [DashboardPageSupport],
})
export class DashboardPageSupportModule {}
