import { Module } from '@nestjs/common';
import { AuthModule, DashboardModule, MatchReviewModule } from '@app/domain';
import { DashboardController } from './dashboard.controller';

/** The coordinators' dashboard under `/admin`: server-rendered pages over the domain services. */
@Module({
  imports: [AuthModule, MatchReviewModule, DashboardModule],
  controllers: [DashboardController],
})
export class DashboardPagesModule {}
