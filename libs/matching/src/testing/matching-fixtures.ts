import type { GeoPoint, ResidentProfile, TaskProfile } from '../matching.types';
import { taxonomyFromParents } from '../taxonomy';

/**
 * A hand-made slice of the capability taxonomy for the specs:
 *
 * C
 * ├── 25
 * │   ├── 25.6
 * │   │   ├── 25.61 ── 25.61.cnc-turning
 * │   │   └── 25.62 ─┬ 25.62.cnc-milling-3axis
 * │   │              └ 25.62.cnc-milling-5axis
 * │   └── 25.7 ── 25.73
 * └── 26 ── 26.1 ─┬ 26.11
 *                 └ 26.12 ── 26.12.smt-assembly
 */
export const TAXONOMY_ENTRIES: readonly { code: string; parentCode: string | null }[] = [
  { code: 'C', parentCode: null },
  { code: '25', parentCode: 'C' },
  { code: '25.6', parentCode: '25' },
  { code: '25.61', parentCode: '25.6' },
  { code: '25.61.cnc-turning', parentCode: '25.61' },
  { code: '25.62', parentCode: '25.6' },
  { code: '25.62.cnc-milling-3axis', parentCode: '25.62' },
  { code: '25.62.cnc-milling-5axis', parentCode: '25.62' },
  { code: '25.7', parentCode: '25' },
  { code: '25.73', parentCode: '25.7' },
  { code: '26', parentCode: 'C' },
  { code: '26.1', parentCode: '26' },
  { code: '26.11', parentCode: '26.1' },
  { code: '26.12', parentCode: '26.1' },
  { code: '26.12.smt-assembly', parentCode: '26.12' },
];

export const CODES: readonly string[] = TAXONOMY_ENTRIES.map((entry) => entry.code);

export const taxonomy = taxonomyFromParents(TAXONOMY_ENTRIES);

export const LABELS_EN: Readonly<Record<string, string>> = {
  '25.62': 'Machining',
  '26.12': 'Loaded electronic boards',
};

export const LABELS_RU: Readonly<Record<string, string>> = {
  '25.62': 'Механическая обработка',
  '26.12': 'Смонтированные электронные платы',
};

/** Administrative centres of the regions the specs use. */
export const CENTRES = {
  'BY-HM': { lat: 53.9006, lon: 27.559 },
  'BY-HR': { lat: 53.6694, lon: 23.8131 },
  'RU-MOW': { lat: 55.7558, lon: 37.6173 },
  'RU-SVE': { lat: 56.8389, lon: 60.6057 },
} satisfies Record<string, GeoPoint>;

export type RegionCode = keyof typeof CENTRES;

/** A task delivered to Minsk asking exactly for 25.62, open to BY and RU, no distance cap nor certification. */
export function aTask(overrides: Partial<TaskProfile> = {}): TaskProfile {
  return {
    requirements: [{ capability: '25.62', weight: 1, required: true }],
    regionCode: 'BY-HM',
    centre: CENTRES['BY-HM'],
    countries: ['BY', 'RU'],
    maxDistanceKm: null,
    certifications: [],
    ...overrides,
  };
}

/** A Minsk resident declaring 25.62 with no certifications. */
export function aResident(overrides: Partial<ResidentProfile> = {}): ResidentProfile {
  return {
    id: 'resident-1',
    country: 'BY',
    regionCode: 'BY-HM',
    centre: CENTRES['BY-HM'],
    headcount: 20,
    capabilities: ['25.62'],
    certifications: [],
    openEngagements: 0,
    ...overrides,
  };
}

/** The same resident placed in another region, with that region's country and centre. */
export function inRegion(region: RegionCode, overrides: Partial<ResidentProfile> = {}): ResidentProfile {
  return aResident({ regionCode: region, centre: CENTRES[region], country: region.slice(0, 2), ...overrides });
}
