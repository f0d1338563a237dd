import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { taxonomyFromParents, type Taxonomy } from '@app/matching';
import { AuditService, type Actor } from '../audit/audit.service';
import { DomainConflictError, DomainValidationError } from '../common/domain-errors';
import { Capability } from './capability.entity';

export interface CreateCapabilityInput {
  code: string;
  parentCode: string | null;
  labels: { ru: string; en: string };
  aliases?: string[];
}

const CACHE_TTL_MS = 60_000;

/** The capability taxonomy, cached in memory (it is small and changes rarely). */
@Injectable()
export class CapabilitiesService {
  private cache: { loadedAt: number; byCode: Map<string, Capability>; taxonomy: Taxonomy } | null = null;

  constructor(
    @InjectRepository(Capability) private readonly capabilities: Repository<Capability>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Nodes whose code starts with the query, or whose ru/en label or an alias contains it
   * (case-insensitive); code matches first, then shallower nodes. Every node when the query is empty.
   */
  async search(query: string, limit: number): Promise<Capability[]> {
    const { byCode } = await this.load();
    const needle = query.trim().toLowerCase();
    const scored: { capability: Capability; rank: number }[] = [];
    for (const capability of byCode.values()) {
      const rank = !needle
        ? 0
        : capability.code.toLowerCase().startsWith(needle)
          ? 0
          : [capability.labelRu, capability.labelEn, ...capability.aliases].some((text) =>
                text.toLowerCase().includes(needle),
              )
            ? 1
            : -1;
      if (rank >= 0) {
        scored.push({ capability, rank });
      }
    }
    return scored
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          a.capability.depth - b.capability.depth ||
          a.capability.code.localeCompare(b.capability.code),
      )
      .slice(0, limit)
      .map(({ capability }) => capability);
  }

  /** Extends the taxonomy by one node under an existing parent (or a new root). */
  async create(input: CreateCapabilityInput, actor: Actor): Promise<Capability> {
    const parent = input.parentCode === null ? null : await this.get(input.parentCode);
    if (input.parentCode !== null && !parent) {
      const suggestions = await this.suggest(input.parentCode);
      throw new DomainValidationError([
        {
          path: 'parentCode',
          message: `unknown capability code ${input.parentCode}; closest known codes: ${suggestions.join(', ')}`,
        },
      ]);
    }
    const created = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Capability);
      if (await repository.exists({ where: { code: input.code } })) {
        throw new DomainConflictError(`capability ${input.code} already exists`);
      }
      const capability = await repository.save(
        repository.create({
          code: input.code,
          parentCode: parent?.code ?? null,
          ancestors: parent ? [...parent.ancestors, parent.code] : [],
          depth: parent ? parent.depth + 1 : 0,
          labelRu: input.labels.ru.trim(),
          labelEn: input.labels.en.trim(),
          aliases: [...new Set((input.aliases ?? []).map((alias) => alias.trim()))],
        }),
      );
      await this.audit.record(manager, actor, 'capability.create', 'capability', capability.code, null, {
        ...capability,
      });
      return capability;
    });
    this.invalidate();
    return created;
  }

  async taxonomy(): Promise<Taxonomy> {
    return (await this.load()).taxonomy;
  }

  async get(code: string): Promise<Capability | undefined> {
    return (await this.load()).byCode.get(code);
  }

  /** Codes in `codes` that the taxonomy does not know. */
  async unknown(codes: readonly string[]): Promise<string[]> {
    const { byCode } = await this.load();
    return [...new Set(codes)].filter((code) => !byCode.has(code));
  }

  /** The nearest known codes to a mistyped one, best first. */
  async suggest(code: string, limit = 3): Promise<string[]> {
    const { byCode } = await this.load();
    const needle = code.toLowerCase();
    return [...byCode.keys()]
      .map((known) => ({ known, distance: editDistance(needle, known.toLowerCase()) }))
      .sort((a, b) => a.distance - b.distance || a.known.localeCompare(b.known))
      .slice(0, limit)
      .map(({ known }) => known);
  }

  /** The declared codes plus every ancestor of each: what `residents.capability_closure` stores. */
  async closure(codes: readonly string[]): Promise<string[]> {
    const { byCode } = await this.load();
    const closure = new Set<string>();
    for (const code of codes) {
      closure.add(code);
      for (const ancestor of byCode.get(code)?.ancestors ?? []) {
        closure.add(ancestor);
      }
    }
    return [...closure].sort();
  }

  invalidate(): void {
    this.cache = null;
  }

  private async load() {
    if (this.cache && Date.now() - this.cache.loadedAt < CACHE_TTL_MS) {
      return this.cache;
    }
    const all = await this.capabilities.find({ order: { depth: 'ASC', code: 'ASC' } });
    const byCode = new Map(all.map((capability) => [capability.code, capability]));
    this.cache = { loadedAt: Date.now(), byCode, taxonomy: taxonomyFromParents(all) };
    return this.cache;
  }
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
