import type { Taxonomy } from './matching.types';

/** Builds a {@link Taxonomy} from `{ code, parentCode }` rows (the shape of the capabilities table). */
export function taxonomyFromParents(entries: Iterable<{ code: string; parentCode: string | null }>): Taxonomy {
  const parents = new Map<string, string | null>();
  for (const { code, parentCode } of entries) {
    parents.set(code, parentCode);
  }
  return { parentOf: (code) => parents.get(code) ?? null };
}

/**
 * Ancestor chains over a taxonomy, memoised for the lifetime of one matching call so that a task matched
 * against thousands of residents walks each code's chain once.
 */
export class Ancestry {
  private readonly chains = new Map<string, readonly string[]>();

  constructor(private readonly taxonomy: Taxonomy) {}

  /** Proper ancestors of `code`, nearest first; stops at a cycle instead of looping. */
  ancestorsOf(code: string): readonly string[] {
    const cached = this.chains.get(code);
    if (cached) {
      return cached;
    }
    const chain: string[] = [];
    const seen = new Set<string>([code]);
    for (let parent = this.taxonomy.parentOf(code); parent != null && !seen.has(parent);) {
      chain.push(parent);
      seen.add(parent);
      parent = this.taxonomy.parentOf(parent);
    }
    this.chains.set(code, chain);
    return chain;
  }
}
