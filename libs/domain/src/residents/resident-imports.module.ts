import { Module } from '@nestjs/common';
import { TechnoparksModule } from '../technoparks/technoparks.module';
import { ResidentImportsService } from './resident-imports.service';
import { ResidentsModule } from './residents.module';

/** Resident CSV imports: stored by the API, checked and committed by the worker. */
@Module({
  imports: [ResidentsModule, TechnoparksModule],
  providers: [ResidentImportsService],
  exports: [ResidentImportsService],
})
export class ResidentImportsModule {}
