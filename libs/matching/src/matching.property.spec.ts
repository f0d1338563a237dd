import fc from 'fast-check';
import { greatCircleKm } from './geo';
import { hardFilter } from './hard-filter';
import type {
  GeoPoint,
  MatchingWeights,
  RankingCandidate,
  Requirement,
  ResidentProfile,
  TaskProfile,
} from './matching.types';
import { compareCandidates, rankResidents } from './ranking';
import { scoreResident } from './scoring';
import { CENTRES, CODES, taxonomy } from './testing/matching-fixtures';

const unitDouble = fc.double({ min: 0, max: 1, noNaN: true });
const code = fc.constantFrom(...CODES);
const geoPoint: fc.Arbitrary<GeoPoint> = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});
/** Mostly the fixture regions (so that residents share regions and qualify), sometimes anywhere on the globe. */
const region: fc.Arbitrary<{ regionCode: string; centre: GeoPoint }> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...Object.entries(CENTRES).map(([regionCode, centre]) => ({ regionCode, centre }))),
  },
  { weight: 1, arbitrary: geoPoint.map((centre) => ({ regionCode: `XX-${centre.lat}-${centre.lon}`, centre })) },
);
const country = fc.constantFrom('BY', 'RU', 'BY', 'RU', 'KZ');
const certification = fc.constantFrom('ISO 9001', 'iso  9001', 'ISO 14001', 'AS9100');

const requirement: fc.Arbitrary<Requirement> = fc.record({
  capability: code,
  weight: unitDouble,
  required: fc.constantFrom(true, false, false),
});

const task: fc.Arbitrary<TaskProfile> = fc
  .record({
    requirements: fc.array(requirement, { minLength: 1, maxLength: 4 }),
    region,
    countries: fc.subarray(['BY', 'RU', 'KZ'], { minLength: 1 }),
    maxDistanceKm: fc.option(fc.double({ min: 0, max: 4000, noNaN: true }), { nil: null, freq: 2 }),
    certifications: fc.constantFrom<string[]>([], [], ['ISO 9001'], ['ISO 14001']),
  })
  .map(({ region: { regionCode, centre }, ...rest }) => ({ ...rest, regionCode, centre }));

const residentWithoutId = fc
  .record({
    country,
    region,
    headcount: fc.integer({ min: 1, max: 5 }),
    capabilities: fc.subarray([...CODES], { maxLength: 8 }),
    certifications: fc.array(certification, { maxLength: 3 }),
    openEngagements: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ region: { regionCode, centre }, ...rest }) => ({ ...rest, regionCode, centre }));

const resident: fc.Arbitrary<ResidentProfile> = fc
  .tuple(fc.string({ minLength: 1, maxLength: 4 }), residentWithoutId)
  .map(([id, rest]) => ({ id, ...rest }));

/** Residents with distinct ids, as the database guarantees. */
const residents: fc.Arbitrary<ResidentProfile[]> = fc.uniqueArray(resident, {
  maxLength: 30,
  size: 'medium',
  selector: (r) => r.id,
});

const weights: fc.Arbitrary<MatchingWeights> = fc
  .record({
    capability: unitDouble,
    threshold: fc.oneof(unitDouble, fc.double({ min: 0, max: 0.6, noNaN: true })),
    limit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 100 })),
    distanceScaleKm: fc.double({ min: 50, max: 5000, noNaN: true }),
  })
  .map(({ capability, ...rest }) => ({ ...rest, capability, region: 1 - capability }));

/** Few distinct values per key, so that ties on every key come up often. */
const candidate: fc.Arbitrary<RankingCandidate> = fc.record({
  residentId: fc.constantFrom('a', 'b', 'B', 'r-10', 'r-9', 'ä'),
  score: fc.constantFrom(0.5, 0.75, 0.7501, 1),
  openEngagements: fc.integer({ min: 0, max: 2 }),
  headcount: fc.integer({ min: 1, max: 3 }),
});

describe('matching properties', () => {
  describe(scoreResident.name, () => {
    it('keeps every score between 0 and 1', () => {
      fc.assert(
        fc.property(task, resident, weights, (t, r, w) => {
          const breakdown = scoreResident(t, r, taxonomy, w);
          for (const part of [breakdown.score, breakdown.capabilityScore, breakdown.regionScore]) {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(part).toBeLessThanOrEqual(1);
          }
          expect(breakdown.distanceKm).toBeGreaterThanOrEqual(0);
        }),
      );
    });

    it('never lowers the score when a resident adds a capability the task asks for', () => {
      fc.assert(
        fc.property(task, resident, weights, fc.nat(), (t, r, w, pick) => {
          const added = t.requirements[pick % t.requirements.length].capability;
          const before = scoreResident(t, r, taxonomy, w);
          const after = scoreResident(t, { ...r, capabilities: [...r.capabilities, added] }, taxonomy, w);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(after.capabilityScore).toBeGreaterThanOrEqual(before.capabilityScore);
        }),
      );
    });

    it('never lowers the score when a resident adds any capability at all', () => {
      fc.assert(
        fc.property(task, resident, weights, code, (t, r, w, added) => {
          const before = scoreResident(t, r, taxonomy, w);
          const after = scoreResident(t, { ...r, capabilities: [...r.capabilities, added] }, taxonomy, w);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
        }),
      );
    });

    it('never lowers the score of a resident moved closer to the delivery region', () => {
      fc.assert(
        fc.property(task, resident, weights, geoPoint, geoPoint, (t, r, w, a, b) => {
          const [near, far] = greatCircleKm(a, t.centre) <= greatCircleKm(b, t.centre) ? [a, b] : [b, a];
          const elsewhere = { ...r, regionCode: `${t.regionCode}-elsewhere` };
          const nearScore = scoreResident(t, { ...elsewhere, centre: near }, taxonomy, w);
          const farScore = scoreResident(t, { ...elsewhere, centre: far }, taxonomy, w);
          const inRegion = scoreResident(t, { ...r, regionCode: t.regionCode }, taxonomy, w);
          expect(nearScore.distanceKm).toBeLessThanOrEqual(farScore.distanceKm);
          expect(nearScore.score).toBeGreaterThanOrEqual(farScore.score);
          expect(inRegion.score).toBeGreaterThanOrEqual(nearScore.score);
        }),
      );
    });
  });

  describe(rankResidents.name, () => {
    it('never matches a resident that fails a hard filter, nor one under the threshold', () => {
      fc.assert(
        fc.property(task, residents, weights, (t, rs, w) => {
          const result = rankResidents(t, rs, taxonomy, w);
          const matchedIds = new Set(result.matches.map((m) => m.residentId));
          for (const r of rs) {
            if (hardFilter(t, r, taxonomy) !== null) {
              expect(matchedIds.has(r.id)).toBe(false);
            }
          }
          for (const match of result.matches) {
            expect(match.score).toBeGreaterThanOrEqual(w.threshold);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('accounts for every resident exactly once', () => {
      fc.assert(
        fc.property(task, residents, weights, (t, rs, w) => {
          const { considered, qualified, excluded, matches, tooFew } = rankResidents(t, rs, taxonomy, w);
          const byCapability = Object.values(excluded.capability).reduce((sum, n) => sum + n, 0);
          expect(considered).toBe(rs.length);
          expect(
            excluded.country +
              byCapability +
              excluded.certification +
              excluded.distance +
              excluded.belowThreshold +
              qualified,
          ).toBe(considered);
          expect(matches).toHaveLength(Math.min(qualified, w.limit));
          expect(tooFew).toBe(qualified < 3);
        }),
        { numRuns: 300 },
      );
    });

    it('agrees with filtering, scoring and sorting everybody', () => {
      fc.assert(
        fc.property(task, residents, weights, (t, rs, w) => {
          const expected = rs
            .filter((r) => hardFilter(t, r, taxonomy) === null)
            .map((r) => ({ r, breakdown: scoreResident(t, r, taxonomy, w) }))
            .filter(({ breakdown }) => breakdown.score >= w.threshold)
            .sort((a, b) =>
              compareCandidates(
                { ...a.r, residentId: a.r.id, ...a.breakdown },
                { ...b.r, residentId: b.r.id, ...b.breakdown },
              ),
            )
            .slice(0, w.limit)
            .map(({ r, breakdown }, i) => ({ residentId: r.id, score: breakdown.score, rank: i + 1, breakdown }));
          expect(rankResidents(t, rs, taxonomy, w).matches).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    });

    it('gives the same result whatever the order of the residents', () => {
      const shuffled = residents.chain((rs) =>
        fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
      );
      fc.assert(
        fc.property(task, shuffled, weights, (t, [rs, reordered], w) => {
          expect(rankResidents(t, reordered, taxonomy, w)).toEqual(rankResidents(t, rs, taxonomy, w));
        }),
        { numRuns: 300 },
      );
    });

    it('returns matches in ranking order with consecutive ranks', () => {
      fc.assert(
        fc.property(task, residents, weights, (t, rs, w) => {
          const { matches } = rankResidents(t, rs, taxonomy, w);
          const byId = new Map(rs.map((r) => [r.id, r]));
          matches.forEach((match, i) => {
            expect(match.rank).toBe(i + 1);
            if (i > 0) {
              const previous = matches[i - 1];
              const a = { ...byId.get(previous.residentId)!, residentId: previous.residentId, score: previous.score };
              const b = { ...byId.get(match.residentId)!, residentId: match.residentId, score: match.score };
              expect(compareCandidates(a, b)).toBeLessThan(0);
            }
          });
        }),
        { numRuns: 300 },
      );
    });
  });

  describe(compareCandidates.name, () => {
    it('is reflexive and antisymmetric', () => {
      fc.assert(
        fc.property(candidate, candidate, (a, b) => {
          expect(compareCandidates(a, a)).toBe(0);
          expect(Math.sign(compareCandidates(a, b))).toBe(-Math.sign(compareCandidates(b, a)) || 0);
        }),
      );
    });

    it('is transitive', () => {
      fc.assert(
        fc.property(candidate, candidate, candidate, (a, b, c) => {
          if (compareCandidates(a, b) <= 0 && compareCandidates(b, c) <= 0) {
            expect(compareCandidates(a, c)).toBeLessThanOrEqual(0);
          }
          if (compareCandidates(a, b) < 0 && compareCandidates(b, c) < 0) {
            expect(compareCandidates(a, c)).toBeLessThan(0);
          }
        }),
      );
    });

    it('calls two candidates equal only when every key is equal', () => {
      fc.assert(
        fc.property(candidate, candidate, (a, b) => {
          expect(compareCandidates(a, b) === 0).toBe(
            a.score === b.score &&
              a.openEngagements === b.openEngagements &&
              a.headcount === b.headcount &&
              a.residentId === b.residentId,
          );
        }),
      );
    });
  });
});
