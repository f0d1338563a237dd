import { Module } from '@nestjs/common';
import { TechnoparksService } from './technoparks.service';

@Module({ providers: [TechnoparksService], exports: [TechnoparksService] })
export class TechnoparksModule {}
