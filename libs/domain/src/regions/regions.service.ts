import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Region } from './region.entity';

/** Regions are reference data: loaded once per process. */
@Injectable()
export class RegionsService {
  private byCode: Promise<Map<string, Region>> | null = null;

  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async get(code: string): Promise<Region | undefined> {
    return (await this.load()).get(code);
  }

  async all(): Promise<Region[]> {
    return [...(await this.load()).values()];
  }

  private load(): Promise<Map<string, Region>> {
    this.byCode ??= this.regions
      .find({ order: { country: 'ASC', code: 'ASC' } })
      .then((rows) => new Map(rows.map((region) => [region.code, region])))
      .catch((error: unknown) => {
        this.byCode = null;
        throw error;
      });
    return this.byCode;
  }
}
