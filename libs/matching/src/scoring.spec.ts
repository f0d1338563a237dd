import type { MatchLevel, Requirement } from './matching.types';
import { scoreResident } from './scoring';
import { CENTRES, aResident, aTask, inRegion, taxonomy } from './testing/matching-fixtures';
import { DEFAULT_MATCHING_WEIGHTS } from './weights';

const requirement = (capability: string, weight = 1, required = false): Requirement => ({
  capability,
  weight,
  required,
});

describe(scoreResident.name, () => {
  describe('credit per requirement', () => {
    it.each<[string, string[], string, MatchLevel, string | null, number]>([
      ['the code itself', ['25.62'], '25.62', 'exact', '25.62', 1],
      ['a child', ['25.62.cnc-milling-5axis'], '25.62', 'descendant', '25.62.cnc-milling-5axis', 1],
      ['a deep descendant', ['25.62.cnc-milling-5axis'], '25', 'descendant', '25.62.cnc-milling-5axis', 1],
      ['the parent', ['25.6'], '25.62', 'parent', '25.6', 0.5],
      ['the grandparent', ['25'], '25.62', 'grandparent', '25', 0.25],
      ['the great-grandparent', ['C'], '25.62', 'none', null, 0],
      ['a sibling', ['25.61'], '25.62', 'none', null, 0],
      ['a cousin', ['25.61.cnc-turning'], '25.62', 'none', null, 0],
      ['a sibling leaf under the parent', ['25.62.cnc-milling-3axis'], '25.62.cnc-milling-5axis', 'none', null, 0],
      ['the parent of a leaf', ['25.62'], '25.62.cnc-milling-5axis', 'parent', '25.62', 0.5],
      ['the grandparent of a leaf', ['25.6'], '25.62.cnc-milling-5axis', 'grandparent', '25.6', 0.25],
      ['an unrelated code', ['26.12'], '25.62', 'none', null, 0],
      ['an unknown code', ['99.99'], '25.62', 'none', null, 0],
      ['nothing', [], '25.62', 'none', null, 0],
    ])(
      'declaring %s (%j) meets %s at level %s through %s for %p',
      (_, capabilities, code, level, matchedBy, credit) => {
        const breakdown = scoreResident(
          aTask({ requirements: [requirement(code)] }),
          aResident({ capabilities }),
          taxonomy,
        );
        expect(breakdown.requirements).toEqual([
          { capability: code, weight: 1, required: false, level, matchedBy, credit },
        ]);
      },
    );

    it('takes the best level the declared codes reach', () => {
      const resident = aResident({ capabilities: ['25', '25.6', '25.61', '25.62.cnc-milling-3axis'] });
      const [met] = scoreResident(aTask(), resident, taxonomy).requirements;
      expect(met).toMatchObject({ level: 'descendant', matchedBy: '25.62.cnc-milling-3axis', credit: 1 });
    });

    it('prefers the code itself to a descendant', () => {
      const resident = aResident({ capabilities: ['25.62.cnc-milling-3axis', '25.62'] });
      expect(scoreResident(aTask(), resident, taxonomy).requirements[0]).toMatchObject({
        level: 'exact',
        matchedBy: '25.62',
      });
    });

    it('names the lexicographically smallest of several descendants', () => {
      const resident = aResident({ capabilities: ['25.62.cnc-milling-5axis', '25.62.cnc-milling-3axis'] });
      expect(scoreResident(aTask(), resident, taxonomy).requirements[0].matchedBy).toBe('25.62.cnc-milling-3axis');
    });

    it('prefers the parent to the grandparent', () => {
      const resident = aResident({ capabilities: ['25', '25.6'] });
      expect(scoreResident(aTask(), resident, taxonomy).requirements[0]).toMatchObject({
        level: 'parent',
        credit: 0.5,
      });
    });
  });

  describe('capability score', () => {
    it('weighs the credits: 0.6·1 + 0.3·0.5 + 0.1·0.25 = 0.775', () => {
      const task = aTask({
        requirements: [requirement('25.62', 0.6, true), requirement('26.12', 0.3), requirement('25.73', 0.1)],
      });
      // 25.62 through its child, 26.12 through its parent 26.1, 25.73 through its grandparent 25.
      const resident = aResident({ capabilities: ['25.62.cnc-milling-3axis', '26.1', '25'] });
      const breakdown = scoreResident(task, resident, taxonomy);
      expect(breakdown.requirements.map((r) => r.level)).toEqual(['descendant', 'parent', 'grandparent']);
      expect(breakdown.capabilityScore).toBe(0.775);
      // Same region: 0.7 · 0.775 + 0.3 · 1 = 0.5425 + 0.3 = 0.8425
      expect(breakdown.score).toBe(0.8425);
    });

    it('divides by the sum of weights, not by 1: (0.4·1 + 0.4·0) / 0.8 = 0.5', () => {
      const task = aTask({ requirements: [requirement('25.62', 0.4), requirement('26.12', 0.4)] });
      expect(scoreResident(task, aResident(), taxonomy).capabilityScore).toBe(0.5);
    });

    it('treats all weights as equal when they add up to 0: (1 + 0.5 + 0) / 3 = 0.5', () => {
      const task = aTask({ requirements: [requirement('25.62', 0), requirement('26.12', 0), requirement('25.73', 0)] });
      const breakdown = scoreResident(task, aResident({ capabilities: ['25.62', '26.1'] }), taxonomy);
      expect(breakdown.capabilityScore).toBe(0.5);
    });

    it('ignores a zero-weight requirement when others have weight', () => {
      const task = aTask({ requirements: [requirement('25.62', 1), requirement('26.12', 0)] });
      expect(scoreResident(task, aResident(), taxonomy).capabilityScore).toBe(1);
    });

    it('rejects a task without requirements or with a negative weight', () => {
      expect(() => scoreResident(aTask({ requirements: [] }), aResident(), taxonomy)).toThrow(RangeError);
      expect(() => scoreResident(aTask({ requirements: [requirement('25.62', -1)] }), aResident(), taxonomy)).toThrow(
        /"25.62" has weight -1/,
      );
    });
  });

  describe('region score', () => {
    it('is 1 at distance 0 in the same region', () => {
      const breakdown = scoreResident(aTask(), aResident(), taxonomy);
      expect(breakdown).toMatchObject({ sameRegion: true, distanceKm: 0, regionScore: 1, score: 1 });
    });

    it('is 1 in the same region even when the recorded centres differ', () => {
      const breakdown = scoreResident(aTask(), aResident({ centre: CENTRES['RU-MOW'] }), taxonomy);
      expect(breakdown).toMatchObject({ sameRegion: true, distanceKm: 0, regionScore: 1 });
    });

    it('decays as exp(−d / 800): Minsk to Moscow', () => {
      // d ≈ 675.757 km → 675.8; exp(−675.757 / 800) = exp(−0.844696) ≈ 0.429688 → 0.4297
      // score = 0.7 · 1 + 0.3 · 0.429688 = 0.7 + 0.128906 = 0.828906 → 0.8289
      const breakdown = scoreResident(
        aTask(),
        inRegion('RU-MOW', { capabilities: ['25.62.cnc-milling-5axis'] }),
        taxonomy,
      );
      expect(breakdown).toMatchObject({
        sameRegion: false,
        distanceKm: 675.8,
        regionScore: 0.4297,
        capabilityScore: 1,
        score: 0.8289,
      });
    });

    it('decays over the configured scale: Minsk to Grodno at 1000 km', () => {
      // d ≈ 247.400 km; exp(−0.2474) ≈ 0.780828 → 0.7808
      const weights = { ...DEFAULT_MATCHING_WEIGHTS, distanceScaleKm: 1000 };
      const breakdown = scoreResident(aTask(), inRegion('BY-HR'), taxonomy, weights);
      expect(breakdown).toMatchObject({ distanceKm: 247.4, regionScore: 0.7808 });
    });

    it('counts a different region with the same centre as distance 0, not as the same region', () => {
      const breakdown = scoreResident(aTask(), aResident({ regionCode: 'BY-MI' }), taxonomy);
      expect(breakdown).toMatchObject({ sameRegion: false, distanceKm: 0, regionScore: 1 });
    });
  });

  describe('total', () => {
    it('weighs capability and region by the configured weights', () => {
      // 0.5 · 0.5 + 0.5 · 0.429688 = 0.25 + 0.214844 = 0.464844 → 0.4648
      const weights = { ...DEFAULT_MATCHING_WEIGHTS, capability: 0.5, region: 0.5 };
      const breakdown = scoreResident(aTask(), inRegion('RU-MOW', { capabilities: ['25.6'] }), taxonomy, weights);
      expect(breakdown.score).toBe(0.4648);
    });

    it('rounds half away from zero: one grandparent among 8 equal requirements is 0.25 / 8 = 0.03125 → 0.0313', () => {
      const codes = [
        '25.62',
        '25.61.cnc-turning',
        '25.62.cnc-milling-5axis',
        '26',
        '26.1',
        '26.11',
        '26.12',
        '26.12.smt-assembly',
      ];
      const task = aTask({ requirements: codes.map((code) => requirement(code)) });
      const weights = { ...DEFAULT_MATCHING_WEIGHTS, capability: 1, region: 0 };
      const breakdown = scoreResident(task, aResident({ capabilities: ['25'] }), taxonomy, weights);
      expect(breakdown.requirements.map((r) => r.credit)).toEqual([0.25, 0, 0, 0, 0, 0, 0, 0]);
      expect(breakdown.capabilityScore).toBe(0.0313);
      expect(breakdown.score).toBe(0.0313);
    });

    it('adds the unrounded parts before rounding', () => {
      // Seven equal requirements, one met: capability 1/7 = 0.142857 (stored 0.1429).
      // Grodno at a 1000 km scale: region exp(−0.2474) = 0.780828 (stored 0.7808).
      // Unrounded: 0.7 · 0.142857 + 0.3 · 0.780828 = 0.1 + 0.234248 = 0.334248 → 0.3342,
      // whereas the stored parts would give 0.7 · 0.1429 + 0.3 · 0.7808 = 0.10003 + 0.23424 = 0.33427 → 0.3343.
      const codes = ['25.62', '25.61', '25.7', '25.73', '26.1', '26.11', '26.12'];
      const task = aTask({ requirements: codes.map((code) => requirement(code)) });
      const weights = { ...DEFAULT_MATCHING_WEIGHTS, distanceScaleKm: 1000 };
      const breakdown = scoreResident(task, inRegion('BY-HR'), taxonomy, weights);
      expect(breakdown).toMatchObject({ capabilityScore: 0.1429, regionScore: 0.7808, score: 0.3342 });
    });

    it('scores a resident that fails the hard filters all the same', () => {
      const breakdown = scoreResident(aTask({ countries: ['KZ'] }), aResident({ capabilities: [] }), taxonomy);
      expect(breakdown).toMatchObject({ capabilityScore: 0, regionScore: 1, score: 0.3 });
    });

    it('rejects invalid weights', () => {
      const weights = { ...DEFAULT_MATCHING_WEIGHTS, capability: 0.8 };
      expect(() => scoreResident(aTask(), aResident(), taxonomy, weights)).toThrow(RangeError);
    });
  });
});
