import { indexDeclaredCapabilities, matchCapability, type DeclaredCapabilities } from './capability-match';
import type {
  MatchBreakdown,
  MatchingWeights,
  RequirementBreakdown,
  ResidentProfile,
  Taxonomy,
  TaskProfile,
} from './matching.types';
import { round4, roundHalfAwayFromZero } from './rounding';
import { createTaskContext, distanceToTaskKm, isSameRegion, type TaskContext } from './task-context';
import { DEFAULT_MATCHING_WEIGHTS, resolveWeights } from './weights';

/** Scores with weights already validated by {@link resolveWeights}. */
export function scoreWithContext(
  context: TaskContext,
  resident: ResidentProfile,
  capabilities: DeclaredCapabilities,
  distanceKm: number,
  weights: MatchingWeights,
): MatchBreakdown {
  const requirements: RequirementBreakdown[] = context.task.requirements.map(({ capability, weight, required }) => ({
    capability,
    weight,
    required,
    ...matchCapability(capability, capabilities, context),
  }));
  const capabilityScore = capabilityScoreOf(requirements);
  const sameRegion = isSameRegion(context, resident);
  const regionScore = regionScoreOf(sameRegion, distanceKm, weights);
  return {
    requirements,
    capabilityScore: round4(capabilityScore),
    distanceKm: roundHalfAwayFromZero(distanceKm, 1),
    regionScore: round4(regionScore),
    score: totalScoreOf(capabilityScore, regionScore, weights),
    sameRegion,
  };
}

/**
 * Σ wᵢ·cᵢ / Σ wᵢ, unrounded (DESIGN.md §4.2). All-zero weights mean "no preference", not "nothing counts":
 * the requirements then weigh equally. Shared by {@link scoreWithContext} and by callers that score many
 * residents from precomputed credits, so both compute bit-for-bit the same number.
 */
export function capabilityScoreOf(requirements: readonly { weight: number; credit: number }[]): number {
  const totalWeight = requirements.reduce((sum, r) => sum + r.weight, 0);
  return totalWeight > 0
    ? requirements.reduce((sum, r) => sum + r.weight * r.credit, 0) / totalWeight
    : requirements.reduce((sum, r) => sum + r.credit, 0) / requirements.length;
}

/** 1 in the delivery region, else exp(−d / scale), unrounded (DESIGN.md §4.3). */
export function regionScoreOf(sameRegion: boolean, distanceKm: number, weights: MatchingWeights): number {
  return sameRegion ? 1 : Math.exp(-distanceKm / weights.distanceScaleKm);
}

/** The total, rounded to 4 decimals from the unrounded parts (DESIGN.md §4.4). */
export function totalScoreOf(capabilityScore: number, regionScore: number, weights: MatchingWeights): number {
  return round4(weights.capability * capabilityScore + weights.region * regionScore);
}

/**
 * Scores one resident against one task (DESIGN.md §4.2–4.4) without applying the hard filters: per
 * requirement credit, capability score, region score and their weighted total.
 * @throws RangeError for invalid weights or a task without requirements.
 */
export function scoreResident(
  task: TaskProfile,
  resident: ResidentProfile,
  taxonomy: Taxonomy,
  weights: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): MatchBreakdown {
  const resolved = resolveWeights(weights);
  const context = createTaskContext(task, taxonomy);
  const capabilities = indexDeclaredCapabilities(resident.capabilities, context);
  return scoreWithContext(context, resident, capabilities, distanceToTaskKm(context, resident), resolved);
}
