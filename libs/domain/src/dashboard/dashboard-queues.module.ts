import { Module } from '@nestjs/common';
import { QueueFiguresService } from './queue-figures.service';

/** The dashboard's read-only view of the BullMQ queues (depths on the overview, Bull Board's queues). */
@Module({ providers: [QueueFiguresService], exports: [QueueFiguresService] })
export class DashboardQueuesModule {}
