import type { MatchLevel } from './matching.types';
import type { TaskContext } from './task-context';

/** Credit per level, DESIGN.md §4.2. */
export const LEVEL_CREDIT: Readonly<Record<MatchLevel, number>> = Object.freeze({
  exact: 1,
  descendant: 1,
  parent: 0.5,
  grandparent: 0.25,
  none: 0,
});

/** A resident's declared capabilities, indexed against the codes one task asks for. */
export interface DeclaredCapabilities {
  readonly declared: ReadonlySet<string>;
  /** For each requested code, the lexicographically smallest declared code that descends from it. */
  readonly smallestDescendant: ReadonlyMap<string, string>;
}

export interface CapabilityMatch {
  level: MatchLevel;
  matchedBy: string | null;
  credit: number;
}

export function indexDeclaredCapabilities(capabilities: readonly string[], context: TaskContext): DeclaredCapabilities {
  const declared = new Set(capabilities);
  const smallestDescendant = new Map<string, string>();
  for (const code of declared) {
    for (const ancestor of context.ancestry.ancestorsOf(code)) {
      if (!context.requestedCodes.has(ancestor)) {
        continue;
      }
      const current = smallestDescendant.get(ancestor);
      if (current === undefined || code < current) {
        smallestDescendant.set(ancestor, code);
      }
    }
  }
  return { declared, smallestDescendant };
}

/** "Holds" a code: declared the code itself or any descendant of it. */
export function holdsCapability(capabilities: DeclaredCapabilities, code: string): boolean {
  return capabilities.declared.has(code) || capabilities.smallestDescendant.has(code);
}

/**
 * The best level at which the declared capabilities meet `code`. Parent and grandparent credit needs that
 * very code declared: a sibling or cousin of `code` earns nothing through the ancestor they share.
 */
export function matchCapability(
  code: string,
  capabilities: DeclaredCapabilities,
  context: TaskContext,
): CapabilityMatch {
  if (capabilities.declared.has(code)) {
    return { level: 'exact', matchedBy: code, credit: LEVEL_CREDIT.exact };
  }
  const descendant = capabilities.smallestDescendant.get(code);
  if (descendant !== undefined) {
    return { level: 'descendant', matchedBy: descendant, credit: LEVEL_CREDIT.descendant };
  }
  const [parent, grandparent] = context.ancestry.ancestorsOf(code);
  if (parent !== undefined && capabilities.declared.has(parent)) {
    return { level: 'parent', matchedBy: parent, credit: LEVEL_CREDIT.parent };
  }
  if (grandparent !== undefined && capabilities.declared.has(grandparent)) {
    return { level: 'grandparent', matchedBy: grandparent, credit: LEVEL_CREDIT.grandparent };
  }
  return { level: 'none', matchedBy: null, credit: LEVEL_CREDIT.none };
}
