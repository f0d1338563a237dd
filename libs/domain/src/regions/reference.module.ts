import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Capability } from '../capabilities/capability.entity';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { Region } from './region.entity';
import { RegionsService } from './regions.service';

/** Reference data: regions and the capability taxonomy. */
@Module({
  imports: [TypeOrmModule.forFeature([Region, Capability])],
  providers: [RegionsService, CapabilitiesService],
  exports: [RegionsService, CapabilitiesService],
})
export class ReferenceModule {}
