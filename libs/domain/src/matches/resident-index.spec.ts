import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import {
  rankResidents,
  resolveWeights,
  taxonomyFromParents,
  type GeoPoint,
  type ResidentProfile,
  type TaskProfile,
} from '@app/matching';
import type { RegionsService } from '../regions/regions.service';
import { ResidentIndex } from './resident-index';

const ENTRIES = [
  { code: 'C', parentCode: null },
  { code: '25', parentCode: 'C' },
  { code: '25.6', parentCode: '25' },
  { code: '25.61', parentCode: '25.6' },
  { code: '25.61.cnc-turning', parentCode: '25.61' },
  { code: '25.62', parentCode: '25.6' },
  { code: '25.62.cnc-milling-3axis', parentCode: '25.62' },
  { code: '25.62.cnc-milling-5axis', parentCode: '25.62' },
  { code: '26', parentCode: 'C' },
  { code: '26.12', parentCode: '26' },
  { code: '26.12.smt-assembly', parentCode: '26.12' },
];
const CODES = ENTRIES.map((entry) => entry.code);
const taxonomy = taxonomyFromParents(ENTRIES);
const CENTRES: Record<string, GeoPoint> = {
  'BY-HM': { lat: 53.9006, lon: 27.559 },
  'BY-BR': { lat: 52.0976, lon: 23.7341 },
  'RU-MOW': { lat: 55.7558, lon: 37.6173 },
  'KZ-75': { lat: 43.222, lon: 76.8512 },
};
const COUNTRY_OF_REGION: Record<string, string> = { 'BY-HM': 'BY', 'BY-BR': 'BY', 'RU-MOW': 'RU', 'KZ-75': 'KZ' };

interface Row {
  id: string;
  country: string;
  region_code: string;
  headcount: number;
  capabilities: string[];
  certifications: string[];
  eligible: boolean;
}

/** A hand-written fake of the three queries the index runs: snapshot, sizes, rows (all, or changed since). */
function fakeDatabase(table: Row[], changed: () => Row[] = () => []): DataSource {
  const manager = {
    query: (sql: string, params: unknown[] = []): Promise<unknown[]> => {
      if (sql.includes('pg_current_snapshot')) {
        return Promise.resolve([{ xmax: '100', xip: [] }]);
      }
      if (sql.includes('count(*)')) {
        return Promise.resolve([{ residents: table.length, codes: CODES.length }]);
      }
      if (sql.includes('change_xid')) {
        return Promise.resolve(changed());
      }
      const after = params[0] as string;
      return Promise.resolve(table.filter((row) => row.id > after).sort((a, b) => (a.id < b.id ? -1 : 1)));
    },
  };
  return {
    transaction: (_isolation: string, work: (m: typeof manager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
}

const regions = {
  get: (code: string) => Promise.resolve(CENTRES[code] ? { code, ...CENTRES[code] } : undefined),
} as unknown as RegionsService;

const profileOf = (row: Row): ResidentProfile => ({
  id: row.id,
  country: row.country,
  regionCode: row.region_code,
  centre: CENTRES[row.region_code],
  headcount: row.headcount,
  capabilities: row.capabilities,
  certifications: row.certifications,
  openEngagements: 0,
});

const regionCode = fc.constantFrom(...Object.keys(CENTRES));
const rows = fc
  .array(
    fc.record({
      region: regionCode,
      headcount: fc.integer({ min: 1, max: 5 }),
      capabilities: fc.subarray(CODES, { minLength: 1, maxLength: 5 }),
      certifications: fc.subarray(['ISO 9001', 'ISO 14001']),
      eligible: fc.constantFrom(true, true, true, false),
    }),
    { maxLength: 40 },
  )
  .map((residents) =>
    residents.map((resident, index): Row => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      country: COUNTRY_OF_REGION[resident.region],
      region_code: resident.region,
      headcount: resident.headcount,
      capabilities: resident.capabilities,
      certifications: resident.certifications,
      eligible: resident.eligible,
    })),
  );
const task: fc.Arbitrary<TaskProfile> = fc
  .record({
    requirements: fc.uniqueArray(
      fc.record({
        capability: fc.constantFrom(...CODES),
        weight: fc.constantFrom(0, 0.3, 0.5, 1),
        required: fc.constantFrom(true, false, false),
      }),
      { minLength: 1, maxLength: 4, selector: (requirement) => requirement.capability },
    ),
    region: regionCode,
    countries: fc.subarray(['BY', 'RU', 'KZ'], { minLength: 1 }),
    maxDistanceKm: fc.constantFrom(null, null, 400, 1200),
    certifications: fc.constantFrom<string[]>([], [], ['ISO 9001'], ['iso  9001', 'ISO 14001']),
  })
  .map(({ region, ...rest }) => ({ ...rest, regionCode: region, centre: CENTRES[region] }));

describe(ResidentIndex.name, () => {
  const weights = resolveWeights({ limit: 100 });

  it('scores and counts exactly as the pure engine does over every resident', async () => {
    await fc.assert(
      fc.asyncProperty(rows, task, async (table, profile) => {
        const sut = new ResidentIndex(fakeDatabase(table), regions);
        await sut.refresh(taxonomy);
        const scan = await sut.scan(profile, weights);
        const engine = rankResidents(profile, table.filter((row) => row.eligible).map(profileOf), taxonomy, weights);

        expect(scan.qualified).toBe(engine.qualified);
        const scanned = new Map(scan.passing.map(({ slot, score }) => [sut.idOf(slot), score]));
        expect(scanned).toEqual(new Map(engine.matches.map((match) => [match.residentId, match.score])));
        expect({
          country: scan.excludedByCountry,
          capability: scan.excludedByCapability,
          certification: scan.excludedByCertification,
          distance: scan.excludedByDistance,
        }).toEqual({
          country: engine.excluded.country,
          capability: engine.excluded.capability,
          certification: engine.excluded.certification,
          distance: engine.excluded.distance,
        });
        // The engine also counts residents that earn no credit at all as under the threshold; the scan skips them.
        expect(scan.belowThreshold).toBeLessThanOrEqual(engine.excluded.belowThreshold);
      }),
      { numRuns: 300 },
    );
  });

  it('applies the rows written since the last look', async () => {
    const table: Row[] = [
      {
        id: 'a',
        country: 'BY',
        region_code: 'BY-HM',
        headcount: 3,
        capabilities: ['25.62.cnc-milling-5axis'],
        certifications: [],
        eligible: true,
      },
    ];
    let changed: Row[] = [];
    const sut = new ResidentIndex(
      fakeDatabase(table, () => changed),
      regions,
    );
    const machining: TaskProfile = {
      requirements: [{ capability: '25.62', weight: 1, required: true }],
      regionCode: 'BY-HM',
      centre: CENTRES['BY-HM'],
      countries: ['BY', 'RU'],
      maxDistanceKm: null,
      certifications: [],
    };
    await sut.refresh(taxonomy);
    expect((await sut.scan(machining, weights)).qualified).toBe(1);

    changed = [
      { ...table[0], capabilities: ['26.12.smt-assembly'] },
      { ...table[0], id: 'b', region_code: 'RU-MOW', country: 'RU', capabilities: ['25.62'] },
    ];
    await sut.refresh(taxonomy);
    const scan = await sut.scan(machining, weights);
    expect(scan.passing.map(({ slot }) => sut.idOf(slot))).toEqual(['b']);
    expect(scan.excludedByCapability).toEqual({ '25.62': 1 });
    expect((await sut.profileOf(scan.passing[0].slot, 2)).capabilities).toEqual(['25.62']);
    expect(sut.residents).toBe(2);
  });
});
