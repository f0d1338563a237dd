import { Module } from '@nestjs/common';
import { RematchSchedulingModule } from '../matches/rematch-schedulers';
import { ReferenceModule } from '../regions/reference.module';
import { ResidentsService } from './residents.service';

@Module({
  imports: [ReferenceModule, RematchSchedulingModule],
  providers: [ResidentsService],
  exports: [ResidentsService],
})
export class ResidentsModule {}
