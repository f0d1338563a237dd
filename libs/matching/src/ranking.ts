import { indexDeclaredCapabilities } from './capability-match';
import { firstFailingFilter } from './hard-filter';
import type {
  ExclusionCounts,
  MatchBreakdown,
  MatchingResult,
  MatchingWeights,
  RankingCandidate,
  ResidentProfile,
  Taxonomy,
  TaskProfile,
} from './matching.types';
import { scoreWithContext } from './scoring';
import { createTaskContext, distanceToTaskKm } from './task-context';
import { DEFAULT_MATCHING_WEIGHTS, resolveWeights } from './weights';

/** Below this many qualified residents a task reports why the others were excluded (DESIGN.md §4.6). */
export const MIN_QUALIFIED_MATCHES = 3;

/**
 * The ranking order, a total order over distinct resident ids: higher score first, then fewer open
 * engagements (spread the work), then smaller headcount, then resident id by plain UTF-16 comparison
 * (not locale-aware, so the order is the same on every machine).
 */
export function compareCandidates(a: RankingCandidate, b: RankingCandidate): number {
  return (
    b.score - a.score ||
    a.openEngagements - b.openEngagements ||
    a.headcount - b.headcount ||
    (a.residentId < b.residentId ? -1 : a.residentId > b.residentId ? 1 : 0)
  );
}

interface Ranked {
  readonly candidate: RankingCandidate;
  readonly breakdown: MatchBreakdown;
}

/**
 * Keeps the `capacity` best entries seen so far in a binary heap whose root is the worst kept one, so
 * ranking n residents costs O(n log limit).
 */
class BestOf {
  private readonly heap: Ranked[] = [];

  constructor(private readonly capacity: number) {}

  offer(entry: Ranked): void {
    if (this.heap.length < this.capacity) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
    } else if (this.isWorse(this.heap[0], entry)) {
      this.heap[0] = entry;
      this.siftDown(0);
    }
  }

  sorted(): Ranked[] {
    return [...this.heap].sort((a, b) => compareCandidates(a.candidate, b.candidate));
  }

  private isWorse(a: Ranked, b: Ranked): boolean {
    return compareCandidates(a.candidate, b.candidate) > 0;
  }

  private siftUp(index: number): void {
    const { heap } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.isWorse(heap[index], heap[parent])) {
        return;
      }
      [heap[index], heap[parent]] = [heap[parent], heap[index]];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const { heap } = this;
    for (;;) {
      let worst = index;
      for (const child of [2 * index + 1, 2 * index + 2]) {
        if (child < heap.length && this.isWorse(heap[child], heap[worst])) {
          worst = child;
        }
      }
      if (worst === index) {
        return;
      }
      [heap[index], heap[worst]] = [heap[worst], heap[index]];
      index = worst;
    }
  }
}

/**
 * Matches residents to a task in one pass (DESIGN.md §4): applies the hard filters, scores the rest, keeps
 * those at or above the threshold, ranks them with {@link compareCandidates} and returns at most `limit`,
 * with counts of why the others were left out.
 * @throws RangeError for invalid weights or a task without requirements.
 */
export function rankResidents(
  task: TaskProfile,
  residents: Iterable<ResidentProfile>,
  taxonomy: Taxonomy,
  weights: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): MatchingResult {
  const resolved = resolveWeights(weights);
  const context = createTaskContext(task, taxonomy);
  const capabilityExclusions = new Map(context.requiredCodes.map((code) => [code, 0]));
  const excluded: Omit<ExclusionCounts, 'capability'> = {
    country: 0,
    certification: 0,
    distance: 0,
    belowThreshold: 0,
  };
  const best = new BestOf(resolved.limit);
  let considered = 0;
  let qualified = 0;

  for (const resident of residents) {
    considered += 1;
    const capabilities = indexDeclaredCapabilities(resident.capabilities, context);
    const distanceKm = distanceToTaskKm(context, resident);
    const reason = firstFailingFilter(context, resident, capabilities, distanceKm);
    if (reason?.kind === 'capability') {
      capabilityExclusions.set(reason.capability, (capabilityExclusions.get(reason.capability) ?? 0) + 1);
      continue;
    }
    if (reason) {
      excluded[reason.kind] += 1;
      continue;
    }
    const breakdown = scoreWithContext(context, resident, capabilities, distanceKm, resolved);
    if (breakdown.score < resolved.threshold) {
      excluded.belowThreshold += 1;
      continue;
    }
    qualified += 1;
    const { id: residentId, openEngagements, headcount } = resident;
    best.offer({ candidate: { residentId, score: breakdown.score, openEngagements, headcount }, breakdown });
  }

  return {
    matches: best.sorted().map(({ candidate, breakdown }, index) => ({
      residentId: candidate.residentId,
      score: candidate.score,
      rank: index + 1,
      breakdown,
    })),
    considered,
    qualified,
    excluded: { ...excluded, capability: Object.fromEntries(capabilityExclusions) },
    tooFew: qualified < MIN_QUALIFIED_MATCHES,
  };
}
