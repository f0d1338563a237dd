import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { normalizeCertifications } from '../common/normalize';
import { RegionsService } from '../regions/regions.service';
import { normalizeLegalId, validateLegalId } from './legal-id';
import { Resident, type Language, type NotificationMode } from './resident.entity';

export interface CreateResidentInput {
  technoparkId: string;
  name: string;
  regionCode: string;
  legalId: string;
  headcount: number;
  capabilities: string[];
  certifications?: string[];
  emails: string[];
  language?: Language;
  notificationMode?: NotificationMode;
}

@Injectable()
export class ResidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capabilities: CapabilitiesService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  /** Validates and creates one resident (the country comes from its region). */
  async create(input: CreateResidentInput, actor: Actor): Promise<Resident> {
    return this.dataSource.transaction((manager) => this.createWith(manager, input, actor));
  }

  /** Creates many residents in one transaction: all or nothing. */
  async createMany(inputs: readonly CreateResidentInput[], actor: Actor): Promise<Resident[]> {
    return this.dataSource.transaction(async (manager) => {
      const created: Resident[] = [];
      for (const input of inputs) {
        created.push(await this.createWith(manager, input, actor));
      }
      return created;
    });
  }

  /** Activates or deactivates a resident; inactive residents are never matched nor emailed. */
  async setActive(residentId: string, active: boolean, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const resident = await manager.getRepository(Resident).findOneByOrFail({ id: residentId });
      await manager.update(Resident, { id: residentId }, { active });
      await this.audit.record(
        manager,
        actor,
        active ? 'resident.activate' : 'resident.deactivate',
        'resident',
        residentId,
        {
          active: resident.active,
        },
        { active },
      );
    });
  }

  private async createWith(manager: EntityManager, input: CreateResidentInput, actor: Actor): Promise<Resident> {
    const region = await this.regions.get(input.regionCode);
    if (!region) {
      throw new BadRequestException(`unknown region ${input.regionCode}`);
    }
    const legalId = normalizeLegalId(input.legalId);
    const legalIdError = validateLegalId(region.country, legalId);
    if (legalIdError) {
      throw new BadRequestException(legalIdError);
    }
    const unknown = await this.capabilities.unknown(input.capabilities);
    if (unknown.length > 0) {
      throw new BadRequestException(`unknown capability codes: ${unknown.join(', ')}`);
    }
    const capabilities = [...new Set(input.capabilities)].sort();
    const repository = manager.getRepository(Resident);
    const resident = await repository.save(
      repository.create({
        technoparkId: input.technoparkId,
        name: input.name.trim(),
        country: region.country,
        regionCode: region.code,
        legalId,
        headcount: input.headcount,
        capabilities,
        capabilityClosure: await this.capabilities.closure(capabilities),
        certifications: normalizeCertifications(input.certifications ?? []),
        emails: input.emails.map((email) => email.trim().toLowerCase()),
        language: input.language ?? 'ru',
        notificationMode: input.notificationMode ?? 'instant',
      }),
    );
    await this.audit.record(manager, actor, 'resident.create', 'resident', resident.id, null, {
      name: resident.name,
      technoparkId: resident.technoparkId,
      capabilities,
    });
    return resident;
  }
}
