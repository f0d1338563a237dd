import { Module } from '@nestjs/common';
import { DashboardService } from './dashboard.service';

/** Read models for the coordinators' dashboard. */
@Module({ providers: [DashboardService], exports: [DashboardService] })
export class DashboardModule {}
