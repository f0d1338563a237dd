import { Module } from '@nestjs/common';
import { ReferenceModule } from '../regions/reference.module';
import { TechnoparksService } from './technoparks.service';

@Module({ imports: [ReferenceModule], providers: [TechnoparksService], exports: [TechnoparksService] })
export class TechnoparksModule {}
