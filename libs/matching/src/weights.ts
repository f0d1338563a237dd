import type { MatchingWeights } from './matching.types';

/** DESIGN.md §4: 0.7·capability + 0.3·region, keep ≥ 0.5, at most 25, exp(−d / 800 km). */
export const DEFAULT_MATCHING_WEIGHTS: MatchingWeights = Object.freeze({
  capability: 0.7,
  region: 0.3,
  threshold: 0.5,
  limit: 25,
  distanceScaleKm: 800,
});

/** capability + region may miss 1 by this much: weights computed in floating point (0.3 + 0.3 + 0.3 with 0.1) pass. */
const WEIGHT_SUM_TOLERANCE = 1e-9;

const WEIGHT_FIELDS = ['capability', 'region', 'threshold', 'limit', 'distanceScaleKm'] as const;

function assertInRange(field: keyof MatchingWeights, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new RangeError(`Matching weight "${field}" must be a number from ${min} to ${max}, got ${String(value)}`);
  }
}

/**
 * Merges `overrides` over `defaults` (fields left undefined keep the default) and validates the result:
 * capability, region and threshold 0..1 with capability + region = 1, limit an integer 1..100,
 * distanceScaleKm 50..5000.
 * @throws RangeError naming the first invalid field.
 */
export function resolveWeights(
  overrides: Partial<MatchingWeights> | undefined,
  defaults: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): MatchingWeights {
  const resolved = { ...defaults };
  for (const field of WEIGHT_FIELDS) {
    const value = overrides?.[field];
    if (value !== undefined) {
      resolved[field] = value;
    }
  }
  assertInRange('capability', resolved.capability, 0, 1);
  assertInRange('region', resolved.region, 0, 1);
  assertInRange('threshold', resolved.threshold, 0, 1);
  assertInRange('limit', resolved.limit, 1, 100);
  if (!Number.isInteger(resolved.limit)) {
    throw new RangeError(`Matching weight "limit" must be an integer, got ${resolved.limit}`);
  }
  assertInRange('distanceScaleKm', resolved.distanceScaleKm, 50, 5000);
  const sum = resolved.capability + resolved.region;
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new RangeError(
      `Matching weights "capability" and "region" must add up to 1, got ${resolved.capability} + ${resolved.region} = ${sum}`,
    );
  }
  return resolved;
}
