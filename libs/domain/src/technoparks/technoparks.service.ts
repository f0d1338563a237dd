import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Technopark } from './technopark.entity';

export interface CreateTechnoparkInput {
  name: string;
  regionCode: string;
  reviewMatches?: boolean;
}

@Injectable()
export class TechnoparksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateTechnoparkInput, actor: Actor): Promise<Technopark> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Technopark);
      const technopark = await repository.save(
        repository.create({
          name: input.name.trim(),
          regionCode: input.regionCode,
          reviewMatches: input.reviewMatches ?? false,
        }),
      );
      await this.audit.record(manager, actor, 'technopark.create', 'technopark', technopark.id, null, {
        ...technopark,
      });
      return technopark;
    });
  }
}
