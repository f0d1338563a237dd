import { Module } from '@nestjs/common';
import { DigestsService } from './digests.service';

@Module({ providers: [DigestsService], exports: [DigestsService] })
export class DigestsModule {}
