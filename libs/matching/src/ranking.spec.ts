import type { RankingCandidate, ResidentProfile, Taxonomy } from './matching.types';
import { compareCandidates, rankResidents } from './ranking';
import { TAXONOMY_ENTRIES, aResident, aTask, inRegion, taxonomy } from './testing/matching-fixtures';
import { DEFAULT_MATCHING_WEIGHTS } from './weights';

const candidate = (overrides: Partial<RankingCandidate>): RankingCandidate => ({
  residentId: 'r',
  score: 0.8,
  openEngagements: 0,
  headcount: 10,
  ...overrides,
});

describe(compareCandidates.name, () => {
  const sign = (a: RankingCandidate, b: RankingCandidate) => Math.sign(compareCandidates(a, b));

  it('puts the higher score first', () => {
    expect(sign(candidate({ score: 0.9 }), candidate({ score: 0.8 }))).toBe(-1);
    expect(sign(candidate({ score: 0.8 }), candidate({ score: 0.9 }))).toBe(1);
  });

  it('breaks a score tie by fewer open engagements', () => {
    expect(sign(candidate({ openEngagements: 1, headcount: 1 }), candidate({ openEngagements: 2 }))).toBe(-1);
  });

  it('then by smaller headcount', () => {
    expect(sign(candidate({ headcount: 5, residentId: 'z' }), candidate({ headcount: 6, residentId: 'a' }))).toBe(-1);
  });

  it('then by resident id, compared as plain strings', () => {
    expect(sign(candidate({ residentId: 'a' }), candidate({ residentId: 'b' }))).toBe(-1);
    expect(sign(candidate({ residentId: 'B' }), candidate({ residentId: 'a' }))).toBe(-1); // 'B' (66) < 'a' (97)
    expect(sign(candidate({ residentId: 'r-10' }), candidate({ residentId: 'r-9' }))).toBe(-1);
  });

  it('calls a candidate equal to itself', () => {
    expect(compareCandidates(candidate({}), candidate({}))).toBe(0);
  });
});

describe(rankResidents.name, () => {
  it('ranks matches best first with 1-based ranks and their breakdowns', () => {
    const result = rankResidents(
      aTask(),
      [inRegion('RU-MOW', { id: 'moscow' }), aResident({ id: 'minsk' }), inRegion('BY-HR', { id: 'grodno' })],
      taxonomy,
    );
    // Minsk 1; Grodno 0.7 + 0.3 · 0.734 = 0.9202; Moscow 0.7 + 0.3 · 0.429688 = 0.8289
    expect(result.matches.map(({ residentId, score, rank }) => ({ residentId, score, rank }))).toEqual([
      { residentId: 'minsk', score: 1, rank: 1 },
      { residentId: 'grodno', score: 0.9202, rank: 2 },
      { residentId: 'moscow', score: 0.8289, rank: 3 },
    ]);
    expect(result.matches[2].breakdown).toMatchObject({ distanceKm: 675.8, regionScore: 0.4297, sameRegion: false });
    expect(result).toMatchObject({ considered: 3, qualified: 3, tooFew: false });
  });

  it('breaks score ties by open engagements, then headcount, then id', () => {
    const residents = [
      aResident({ id: 'c', openEngagements: 1, headcount: 5 }),
      aResident({ id: 'b', openEngagements: 0, headcount: 50 }),
      aResident({ id: 'a', openEngagements: 0, headcount: 50 }),
      aResident({ id: 'd', openEngagements: 0, headcount: 10 }),
    ];
    const result = rankResidents(aTask(), residents, taxonomy);
    expect(result.matches.map((m) => [m.residentId, m.score, m.rank])).toEqual([
      ['d', 1, 1],
      ['a', 1, 2],
      ['b', 1, 3],
      ['c', 1, 4],
    ]);
  });

  it('keeps a score equal to the threshold and drops one just under it', () => {
    const task = aTask({
      requirements: [
        { capability: '25.62', weight: 1, required: true },
        { capability: '26.12', weight: 1, required: false },
      ],
    });
    // Half the capabilities in the same region: 0.7 · 0.5 + 0.3 · 1 = 0.65
    const resident = aResident();
    const at = rankResidents(task, [resident], taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, threshold: 0.65 });
    const above = rankResidents(task, [resident], taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, threshold: 0.6501 });
    expect(at.matches.map((m) => m.score)).toEqual([0.65]);
    expect(above.matches).toEqual([]);
    expect(above.excluded.belowThreshold).toBe(1);
    expect(above.qualified).toBe(0);
  });

  it('applies the default threshold of 0.5', () => {
    const task = aTask({
      requirements: [
        { capability: '25.62', weight: 1, required: true },
        { capability: '26.12', weight: 1, required: false },
      ],
    });
    // Yekaterinburg, 2092.5 km: 0.7 · 0.5 + 0.3 · exp(−2.6156) = 0.35 + 0.3 · 0.073126 = 0.3719
    const result = rankResidents(task, [inRegion('RU-SVE')], taxonomy);
    expect(result.matches).toEqual([]);
    expect(result.excluded.belowThreshold).toBe(1);
  });

  it('returns at most limit matches, the best ones, wherever they come in the input', () => {
    // Residents further and further away score lower and lower; the best come last.
    const residents = Array.from({ length: 40 }, (_, i) =>
      aResident({
        id: `r${String(i).padStart(2, '0')}`,
        regionCode: `XX-${i}`,
        centre: { lat: 53.9006 + (40 - i) * 0.1, lon: 27.559 },
      }),
    );
    const result = rankResidents(aTask(), residents, taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, limit: 3 });
    expect(result.matches.map((m) => m.residentId)).toEqual(['r39', 'r38', 'r37']);
    expect(result.matches.map((m) => m.rank)).toEqual([1, 2, 3]);
    expect(result.qualified).toBe(40);
  });

  it('caps matches at 25 by default', () => {
    const residents = Array.from({ length: 30 }, (_, i) => aResident({ id: `r${i}` }));
    const result = rankResidents(aTask(), residents, taxonomy);
    expect(result.matches).toHaveLength(25);
    expect(result.qualified).toBe(30);
  });

  it('counts every resident left out once, under its first failing reason', () => {
    const task = aTask({
      requirements: [
        { capability: '25.62', weight: 1, required: true },
        { capability: '26.12', weight: 1, required: true },
        { capability: '25.73', weight: 1, required: false },
      ],
      certifications: ['ISO 9001'],
      maxDistanceKm: 1000,
    });
    const qualifying = { capabilities: ['25.62', '26.12'], certifications: ['ISO 9001'] };
    const residents: ResidentProfile[] = [
      // (1 + 1 + 0) / 3 = 0.666667; 0.7 · 0.666667 + 0.3 = 0.766667 → 0.7667
      aResident({ id: 'minsk', ...qualifying }),
      // 3 / 3 = 1; 0.7 + 0.3 · 0.429688 → 0.8289
      inRegion('RU-MOW', {
        id: 'moscow',
        capabilities: ['25.62.cnc-milling-5axis', '26.12.smt-assembly', '25.73'],
        certifications: ['iso 9001'],
      }),
      // 0.7 · 0.666667 + 0.3 · exp(−247.4 / 800) = 0.466667 + 0.3 · 0.733997 = 0.686866 → 0.6869 < 0.7
      inRegion('BY-HR', { id: 'grodno', ...qualifying }),
      aResident({ id: 'kazakh', ...qualifying, country: 'KZ' }),
      aResident({ id: 'boards-only', ...qualifying, capabilities: ['26.12'] }),
      aResident({ id: 'nothing', capabilities: [], certifications: [], country: 'KZ' }),
      aResident({ id: 'empty', capabilities: [], certifications: [] }),
      aResident({ id: 'machining-only', ...qualifying, capabilities: ['25.62'] }),
      aResident({ id: 'uncertified', ...qualifying, certifications: [] }),
      inRegion('RU-SVE', { id: 'urals', ...qualifying }),
    ];
    const result = rankResidents(task, residents, taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, threshold: 0.7 });
    expect(result.matches.map((m) => [m.residentId, m.score])).toEqual([
      ['moscow', 0.8289],
      ['minsk', 0.7667],
    ]);
    expect(result).toMatchObject({
      considered: 10,
      qualified: 2,
      tooFew: true,
      excluded: {
        country: 2,
        capability: { '25.62': 2, '26.12': 1 },
        certification: 1,
        distance: 1,
        belowThreshold: 1,
      },
    });
  });

  it('lists every required code in the capability counts, with 0 when nobody failed on it', () => {
    const task = aTask({
      requirements: [
        { capability: '25.62', weight: 1, required: true },
        { capability: '26.12', weight: 1, required: false },
        { capability: '25.73', weight: 1, required: true },
      ],
    });
    const result = rankResidents(task, [aResident({ capabilities: ['25.73'] })], taxonomy);
    expect(result.excluded).toEqual({
      country: 0,
      capability: { '25.62': 1, '25.73': 0 },
      certification: 0,
      distance: 0,
      belowThreshold: 0,
    });
  });

  it.each([
    [0, true],
    [2, true],
    [3, false],
    [4, false],
  ])('reports too few when %p residents qualify: %p', (count, tooFew) => {
    const residents = Array.from({ length: count }, (_, i) => aResident({ id: `r${i}` }));
    expect(rankResidents(aTask(), residents, taxonomy).tooFew).toBe(tooFew);
  });

  it('judges too few before the limit', () => {
    const residents = Array.from({ length: 3 }, (_, i) => aResident({ id: `r${i}` }));
    const result = rankResidents(aTask(), residents, taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, limit: 1 });
    expect(result).toMatchObject({ qualified: 3, tooFew: false });
    expect(result.matches).toHaveLength(1);
  });

  it('reads the residents in a single pass, so a cursor over the database works', () => {
    function* cursor() {
      yield aResident({ id: 'a' });
      yield aResident({ id: 'b' });
    }
    expect(rankResidents(aTask(), cursor(), taxonomy).matches.map((m) => m.residentId)).toEqual(['a', 'b']);
  });

  it('walks the taxonomy a bounded number of times however many residents there are', () => {
    const countCalls = (residentCount: number): number => {
      let calls = 0;
      const counted: Taxonomy = {
        parentOf: (code) => {
          calls += 1;
          return taxonomy.parentOf(code);
        },
      };
      const residents = Array.from({ length: residentCount }, (_, i) =>
        aResident({ id: `r${i}`, capabilities: [TAXONOMY_ENTRIES[i % TAXONOMY_ENTRIES.length].code, '25.62'] }),
      );
      rankResidents(aTask(), residents, counted);
      return calls;
    };
    const forAFew = countCalls(TAXONOMY_ENTRIES.length);
    expect(countCalls(5_000)).toBe(forAFew);
    expect(forAFew).toBeLessThanOrEqual(TAXONOMY_ENTRIES.length * 6);
  });

  it('rejects invalid weights before reading any resident', () => {
    const untouchable: Iterable<ResidentProfile> = {
      [Symbol.iterator]: () => {
        throw new Error('read');
      },
    };
    expect(() => rankResidents(aTask(), untouchable, taxonomy, { ...DEFAULT_MATCHING_WEIGHTS, limit: 0 })).toThrow(
      RangeError,
    );
    expect(() => rankResidents(aTask(), untouchable, taxonomy)).toThrow('read');
  });
});
