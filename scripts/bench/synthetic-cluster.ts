import { CAPABILITIES, REGIONS, type CountryCode } from '@app/reference-data';

/**
 * A deterministic synthetic cluster for the matching benchmark. Resident `i` and task `j` depend only on
 * their index and the seed, so 100k residents are the first 100k of the million and runs compare.
 */

/** splitmix32: a small, well-mixed PRNG seeded per entity. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf(s) weights over n ranks, for sampling by binary search. */
function zipf(n: number, s: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) {
    sum += 1 / (rank + 1) ** s;
    cumulative[rank] = sum;
  }
  return cumulative.map((value) => value / sum);
}

function sample(cumulative: Float64Array, u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] < u) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

const parents = new Map(CAPABILITIES.map((node) => [node.code, node.parentCode]));
const hasChild = new Set(CAPABILITIES.map((node) => node.parentCode).filter((code): code is string => code !== null));
/** Leaves in a fixed shuffled order: rank 0 is the most popular competency. */
const LEAVES = (() => {
  const leaves = CAPABILITIES.filter((node) => !hasChild.has(node.code)).map((node) => node.code);
  const next = random(20251001);
  for (let index = leaves.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [leaves[index], leaves[other]] = [leaves[other], leaves[index]];
  }
  return leaves;
})();
const LEAF_POPULARITY = zipf(LEAVES.length, 1.07);

const COUNTRY_SHARE: [CountryCode, number][] = [
  ['BY', 0.37],
  ['RU', 0.57],
  ['KZ', 0.03],
  ['KG', 0.015],
  ['UZ', 0.015],
];
const REGIONS_BY_COUNTRY = new Map(
  COUNTRY_SHARE.map(([country]) => [
    country,
    REGIONS.filter((region) => region.country === country).map((r) => r.code),
  ]),
);
const REGION_POPULARITY = new Map([...REGIONS_BY_COUNTRY].map(([country, codes]) => [country, zipf(codes.length, 1)]));

export function closureOf(codes: readonly string[]): string[] {
  const closure = new Set<string>();
  for (const code of codes) {
    for (let current: string | null | undefined = code; current; current = parents.get(current)) {
      closure.add(current);
    }
  }
  return [...closure].sort();
}

function pickRegion(next: () => number): { country: CountryCode; region: string } {
  let u = next();
  let country: CountryCode = 'RU';
  for (const [code, share] of COUNTRY_SHARE) {
    if (u < share) {
      country = code;
      break;
    }
    u -= share;
  }
  const codes = REGIONS_BY_COUNTRY.get(country)!;
  return { country, region: codes[sample(REGION_POPULARITY.get(country)!, next())] };
}

export interface SyntheticResident {
  country: string;
  region: string;
  headcount: number;
  capabilities: string[];
  certifications: string[];
  active: boolean;
  notificationMode: 'instant' | 'daily' | 'off';
}

/** 3–12 competencies with Zipf popularity; one in ten residents declares a class instead of one leaf. */
export function syntheticResident(index: number): SyntheticResident {
  const next = random(0x5eed0000 ^ Math.imul(index + 1, 0x27d4eb2d));
  const { country, region } = pickRegion(next);
  const wanted = 3 + Math.floor(next() * 10);
  const capabilities = new Set<string>();
  for (let tries = 0; capabilities.size < wanted && tries < wanted * 4; tries++) {
    capabilities.add(LEAVES[sample(LEAF_POPULARITY, next())]);
  }
  if (next() < 0.1) {
    const [first] = capabilities;
    capabilities.delete(first);
    capabilities.add(parents.get(first) ?? first);
  }
  const certifications: string[] = [];
  if (next() < 0.25) {
    certifications.push('ISO 9001');
  }
  if (next() < 0.06) {
    certifications.push('ISO 14001');
  }
  if (next() < 0.04) {
    certifications.push('GOST R');
  }
  const mode = next();
  return {
    country,
    region,
    headcount: Math.floor(5 * Math.exp(next() * Math.log(100))),
    capabilities: [...capabilities].sort(),
    certifications,
    active: next() < 0.97,
    notificationMode: mode < 0.8 ? 'instant' : mode < 0.95 ? 'daily' : 'off',
  };
}

export interface SyntheticTask {
  region: string;
  countries: string[];
  maxDistanceKm: number | null;
  certifications: string[];
  requirements: { capability: string; weight: number; required: boolean }[];
}

/** 1–4 requirements, popular competencies asked more often; leaves, classes and groups mixed. */
export function syntheticTask(index: number): SyntheticTask {
  const next = random(0x7a5c0000 ^ Math.imul(index + 1, 0x165667b1));
  const { region } = pickRegion(next);
  const u = next();
  const count = u < 0.3 ? 1 : u < 0.65 ? 2 : u < 0.9 ? 3 : 4;
  const requirements: SyntheticTask['requirements'] = [];
  const seen = new Set<string>();
  while (requirements.length < count) {
    let code = LEAVES[sample(LEAF_POPULARITY, next())];
    const level = next();
    if (level > 0.95) {
      code = parents.get(parents.get(code) ?? code) ?? code;
    } else if (level > 0.7) {
      code = parents.get(code) ?? code;
    }
    if (seen.has(code)) {
      continue;
    }
    seen.add(code);
    requirements.push({
      capability: code,
      weight: [1, 0.8, 0.5, 0.3][Math.floor(next() * 4)],
      required: next() < (requirements.length === 0 ? 0.7 : 0.3),
    });
  }
  const distance = next();
  return {
    region,
    countries: next() < 0.8 ? ['BY', 'RU'] : ['BY', 'KZ', 'RU'],
    maxDistanceKm: distance < 0.75 ? null : [300, 800, 1500][Math.floor(next() * 3)],
    certifications: next() < 0.15 ? ['ISO 9001'] : [],
    requirements,
  };
}
