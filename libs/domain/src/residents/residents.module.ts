import { Module } from '@nestjs/common';
import { ReferenceModule } from '../regions/reference.module';
import { ResidentsService } from './residents.service';

@Module({ imports: [ReferenceModule], providers: [ResidentsService], exports: [ResidentsService] })
export class ResidentsModule {}
