import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { taxonomyFromParents, type Taxonomy } from '@app/matching';
import { Capability } from './capability.entity';

const CACHE_TTL_MS = 60_000;

/** The capability taxonomy, cached in memory (it is small and changes rarely). */
@Injectable()
export class CapabilitiesService {
  private cache: { loadedAt: number; byCode: Map<string, Capability>; taxonomy: Taxonomy } | null = null;

  constructor(@InjectRepository(Capability) private readonly capabilities: Repository<Capability>) {}

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
