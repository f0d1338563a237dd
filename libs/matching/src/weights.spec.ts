import type { MatchingWeights } from './matching.types';
import { DEFAULT_MATCHING_WEIGHTS, resolveWeights } from './weights';

describe(resolveWeights.name, () => {
  it('defaults to DESIGN.md §4', () => {
    expect(resolveWeights(undefined)).toEqual({
      capability: 0.7,
      region: 0.3,
      threshold: 0.5,
      limit: 25,
      distanceScaleKm: 800,
    });
    expect(DEFAULT_MATCHING_WEIGHTS).toEqual(resolveWeights({}));
  });

  it('merges overrides over the defaults, leaving undefined fields alone', () => {
    expect(resolveWeights({ capability: 0.6, region: 0.4, limit: 10, threshold: undefined })).toEqual({
      capability: 0.6,
      region: 0.4,
      threshold: 0.5,
      limit: 10,
      distanceScaleKm: 800,
    });
  });

  it('merges over the defaults it is given', () => {
    const defaults: MatchingWeights = { capability: 1, region: 0, threshold: 0, limit: 1, distanceScaleKm: 50 };
    expect(resolveWeights({ threshold: 1 }, defaults)).toEqual({ ...defaults, threshold: 1 });
  });

  it('returns a fresh object and never changes the defaults', () => {
    const resolved = resolveWeights({ limit: 3 });
    resolved.limit = 99;
    expect(DEFAULT_MATCHING_WEIGHTS.limit).toBe(25);
    expect(Object.isFrozen(DEFAULT_MATCHING_WEIGHTS)).toBe(true);
  });

  it('accepts the bounds themselves', () => {
    expect(() =>
      resolveWeights({ capability: 1, region: 0, threshold: 0, limit: 1, distanceScaleKm: 50 }),
    ).not.toThrow();
    expect(() =>
      resolveWeights({ capability: 0, region: 1, threshold: 1, limit: 100, distanceScaleKm: 5000 }),
    ).not.toThrow();
  });

  it('tolerates a floating-point sum a hair off 1', () => {
    const capability = 0.3 + 0.3 + 0.3; // 0.8999999999999999
    expect(capability + 0.1).not.toBe(1);
    expect(() => resolveWeights({ capability, region: 0.1 })).not.toThrow();
  });

  it.each<[Partial<MatchingWeights>, RegExp]>([
    [{ capability: 1.2, region: -0.2 }, /"capability" must be a number from 0 to 1, got 1.2/],
    [{ capability: 0.7, region: -0.1 }, /"region" must be a number from 0 to 1, got -0.1/],
    [{ threshold: 1.5 }, /"threshold" must be a number from 0 to 1/],
    [{ threshold: -0.01 }, /"threshold"/],
    [{ threshold: Number.NaN }, /"threshold" .* got NaN/],
    [{ limit: 0 }, /"limit" must be a number from 1 to 100, got 0/],
    [{ limit: 101 }, /"limit"/],
    [{ limit: 2.5 }, /"limit" must be an integer, got 2.5/],
    [{ distanceScaleKm: 49 }, /"distanceScaleKm" must be a number from 50 to 5000, got 49/],
    [{ distanceScaleKm: 5001 }, /"distanceScaleKm"/],
    [{ distanceScaleKm: Number.POSITIVE_INFINITY }, /"distanceScaleKm"/],
    [{ capability: 0.6 }, /"capability" and "region" must add up to 1, got 0.6 \+ 0.3/],
    [{ capability: 0.5, region: 0.6 }, /"capability" and "region" must add up to 1/],
  ])('rejects %p with a RangeError naming the field', (overrides, message) => {
    expect(() => resolveWeights(overrides)).toThrow(RangeError);
    expect(() => resolveWeights(overrides)).toThrow(message);
  });

  it('rejects a value that is not a number at all', () => {
    const fromUntypedConfig = JSON.parse('{"limit": "10"}') as Partial<MatchingWeights>;
    expect(() => resolveWeights(fromUntypedConfig)).toThrow(/"limit"/);
  });
});
