import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { Enterprise } from './enterprise.entity';
import { EnterprisesService } from './enterprises.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, ApiKey])],
  providers: [EnterprisesService, ApiKeysService],
  exports: [EnterprisesService, ApiKeysService],
})
export class EnterprisesModule {}
