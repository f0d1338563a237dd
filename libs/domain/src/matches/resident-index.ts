import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  capabilityScoreOf,
  greatCircleKm,
  LEVEL_CREDIT,
  normalizeCertification,
  regionScoreOf,
  totalScoreOf,
  type MatchingWeights,
  type ResidentProfile,
  type Taxonomy,
  type TaskProfile,
} from '@app/matching';
import { RegionsService } from '../regions/regions.service';

interface IndexedRow {
  id: string;
  country: string;
  region_code: string;
  headcount: number;
  capabilities: string[];
  certifications: string[];
  eligible: boolean;
}

/** Rows per round trip when loading the whole table. */
const LOAD_BATCH = 50_000;
/** Bits reserved beyond the taxonomy's size at load, so that new codes seldom force a rebuild. */
const SPARE_CODES = 64;
/** Credit levels of one requirement in a pattern: held (code or descendant), parent, grandparent, none. */
const LEVELS = [LEVEL_CREDIT.exact, LEVEL_CREDIT.parent, LEVEL_CREDIT.grandparent, LEVEL_CREDIT.none] as const;
const NONE = 3;
/** Above this many (region × credit pattern) scores the cache is a Map instead of a typed array. */
const DENSE_SCORE_CACHE = 1 << 20;

/** A qualified resident's place in one scan. */
export interface ScannedResident {
  slot: number;
  score: number;
}

/** One pass over the index for one task: DESIGN.md §4.1–4.4 and §4.6 counts, exactly as the pure engine counts them. */
export interface IndexScan {
  /** Passed country, required capabilities and certifications, and earn credit from some requirement. */
  considered: number;
  /** Considered, within the distance and at or above the threshold. */
  qualified: number;
  /** Of the considered: beyond the distance, and under the threshold. */
  candidateDistance: number;
  belowThreshold: number;
  /** Over every active resident, by the first hard filter it fails (country, each required code, certification, distance). */
  excludedByCountry: number;
  excludedByCapability: Record<string, number>;
  excludedByCertification: number;
  excludedByDistance: number;
  /** Every qualified resident (slot and score), unordered. */
  passing: ScannedResident[];
}

/**
 * Every resident's matching profile in typed arrays, in the worker's memory: bitsets of the declared
 * capabilities and of their closure, country, region, headcount, certifications.
 *
 * Why: at a million residents a popular capability is held by hundreds of thousands of them. Any plan
 * in PostgreSQL then visits every one of those rows per task (GIN `&&`/`@>` with its recheck took
 * 0.6–2 s, see scripts/bench/matching.bench.ts), and shipping them to Node costs more still. A scan
 * of these arrays visits a million residents in tens of milliseconds and yields exact counts and
 * scores; PostgreSQL stays the source of truth. Before each use the index reads the rows written since it
 * last looked (`residents.change_xid`, a B-tree lookup), so it is as fresh as a query would be; and the
 * residents finally chosen are checked against the table (see TaskMatchingService).
 * Measured at a million residents: about 250 MB per worker, loaded in 11–19 s (the worker warms it at start).
 */
@Injectable()
export class ResidentIndex {
  private readonly logger = new Logger(ResidentIndex.name);
  private readonly bitOf = new Map<string, number>();
  private codeOf: string[] = [];
  private words = 0;
  private capacity = 0;
  private size = 0;
  private readonly slotOf = new Map<string, number>();
  private ids: string[] = [];
  private declared = new Uint32Array(0);
  private closure = new Uint32Array(0);
  private country = new Uint8Array(0);
  private region = new Uint16Array(0);
  private headcount = new Int32Array(0);
  private eligible = new Uint8Array(0);
  private certifications: (readonly string[] | undefined)[] = [];
  private readonly countryOf = new Map<string, number>();
  private readonly countryCodes: string[] = [];
  private readonly regionOf = new Map<string, number>();
  private readonly regionCodes: string[] = [];
  /**
   * The snapshot of the last look (null before the first load): rows stamped by a transaction at or past its
   * `xmax`, or by one it saw in progress (`xip`), were invisible then and are what the next look reads.
   * A long transaction anywhere therefore costs one id in `xip`, not a re-read of everything since it began.
   */
  private seen: { xmax: string; xip: string[] } | null = null;
  private taxonomy: Taxonomy | null = null;
  private refreshing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  get residents(): number {
    return this.size;
  }

  /**
   * Brings the index up to date with every resident write committed before the call: the first call loads
   * the table, later ones read only the rows written since. Concurrent callers share one round.
   */
  async refresh(taxonomy: Taxonomy): Promise<void> {
    this.taxonomy = taxonomy;
    // A refresh already running may have taken its snapshot before our caller's change: queue one more.
    if (this.refreshing) {
      this.queued ??= this.refreshing.then(() => {
        this.queued = null;
        return this.startRefresh();
      });
      return this.queued;
    }
    return this.startRefresh();
  }

  /** Drops everything; the next refresh reloads the table. */
  reset(): void {
    this.seen = null;
    this.size = 0;
    this.capacity = 0;
    this.slotOf.clear();
    this.ids = [];
    this.certifications = [];
  }

  /** Forgets residents found missing from the table (deleted rows leave no change stamp behind). */
  forget(residentIds: readonly string[]): void {
    for (const id of residentIds) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) {
        this.eligible[slot] = 0;
      }
    }
  }

  private startRefresh(): Promise<void> {
    this.refreshing = (this.seen === null ? this.load() : this.applyChanges()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshot = await this.snapshot(manager);
      const [{ residents, codes }]: { residents: number; codes: number }[] = await manager.query(
        `SELECT (SELECT count(*)::int FROM residents) AS residents, (SELECT count(*)::int FROM capabilities) AS codes`,
      );
      this.reset();
      this.allocate(Math.max(1024, Math.ceil(residents * 1.1)), Math.ceil((codes + SPARE_CODES) / 32));
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows: IndexedRow[] = await manager.query(`${SELECT_ROWS} WHERE id > $1 ORDER BY id LIMIT ${LOAD_BATCH}`, [
          after,
        ]);
        this.apply(rows);
        if (rows.length < LOAD_BATCH) {
          break;
        }
        after = rows[rows.length - 1].id;
      }
      this.seen = snapshot;
    });
    this.logger.log(`Loaded ${this.size} residents in ${Date.now() - started} ms`);
  }

  private async applyChanges(): Promise<void> {
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshot = await this.snapshot(manager);
      const rows: IndexedRow[] = await manager.query(
        `${SELECT_ROWS} WHERE change_xid >= $1 OR change_xid = ANY($2::bigint[])`,
        [this.seen!.xmax, this.seen!.xip],
      );
      this.apply(rows);
      this.seen = snapshot;
    });
  }

  /** The transaction's snapshot: in REPEATABLE READ every later statement sees exactly the rows it describes. */
  private async snapshot(manager: EntityManager): Promise<{ xmax: string; xip: string[] }> {
    const [row]: { xmax: string; xip: string[] }[] = await manager.query(
      `SELECT pg_snapshot_xmax(s)::text AS xmax,
              ARRAY(SELECT x::text FROM pg_snapshot_xip(s) AS x) AS xip
       FROM (SELECT pg_current_snapshot() AS s) AS current`,
    );
    return row;
  }

  private allocate(capacity: number, words: number): void {
    const copy = <T extends Uint8Array | Uint16Array | Int32Array>(old: T, next: T): T => {
      next.set(old.subarray(0, Math.min(old.length, next.length)));
      return next;
    };
    const copyBits = (old: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(capacity * words);
      for (let slot = 0; slot < this.size; slot++) {
        next.set(old.subarray(slot * this.words, (slot + 1) * this.words), slot * words);
      }
      return next;
    };
    this.declared = copyBits(this.declared);
    this.closure = copyBits(this.closure);
    this.country = copy(this.country, new Uint8Array(capacity));
    this.region = copy(this.region, new Uint16Array(capacity));
    this.headcount = copy(this.headcount, new Int32Array(capacity));
    this.eligible = copy(this.eligible, new Uint8Array(capacity));
    this.capacity = capacity;
    this.words = words;
  }

  private bit(code: string): number {
    let bit = this.bitOf.get(code);
    if (bit === undefined) {
      bit = this.codeOf.length;
      if (bit >= this.words * 32) {
        this.allocate(this.capacity, this.words + Math.ceil(SPARE_CODES / 32));
      }
      this.bitOf.set(code, bit);
      this.codeOf.push(code);
    }
    return bit;
  }

  private apply(rows: readonly IndexedRow[]): void {
    const taxonomy = this.taxonomy!;
    for (const row of rows) {
      let slot = this.slotOf.get(row.id);
      if (slot === undefined) {
        slot = this.size++;
        if (slot >= this.capacity) {
          this.allocate(Math.ceil(this.capacity * 1.5) + 1024, this.words);
        }
        this.slotOf.set(row.id, slot);
        this.ids[slot] = row.id;
      }
      // Bits first: a new code may widen the bitsets.
      const declaredBits = row.capabilities.map((code) => this.bit(code));
      const closureBits: number[] = [];
      for (const code of row.capabilities) {
        const seen = new Set<string>([code]);
        closureBits.push(this.bit(code));
        for (
          let parent = taxonomy.parentOf(code);
          parent != null && !seen.has(parent);
          parent = taxonomy.parentOf(parent)
        ) {
          seen.add(parent);
          closureBits.push(this.bit(parent));
        }
      }
      const base = slot * this.words;
      this.declared.fill(0, base, base + this.words);
      this.closure.fill(0, base, base + this.words);
      for (const bit of declaredBits) {
        this.declared[base + (bit >>> 5)] |= 1 << (bit & 31);
      }
      for (const bit of closureBits) {
        this.closure[base + (bit >>> 5)] |= 1 << (bit & 31);
      }
      this.country[slot] = this.internCountry(row.country);
      this.region[slot] = this.internRegion(row.region_code);
      this.headcount[slot] = row.headcount;
      this.eligible[slot] = row.eligible ? 1 : 0;
      this.certifications[slot] =
        row.certifications.length > 0 ? row.certifications.map(normalizeCertification) : undefined;
    }
  }

  private internCountry(code: string): number {
    let index = this.countryOf.get(code);
    if (index === undefined) {
      index = this.countryCodes.push(code) - 1;
      this.countryOf.set(code, index);
    }
    return index;
  }

  private internRegion(code: string): number {
    let index = this.regionOf.get(code);
    if (index === undefined) {
      index = this.regionCodes.push(code) - 1;
      this.regionOf.set(code, index);
    }
    return index;
  }

  /**
   * Scans every resident for one task: the hard filters in DESIGN.md's order, the credit of each
   * requirement, and the score through the engine's own functions, so that counts and scores are the ones
   * `rankResidents` would give over the whole table.
   */
  async scan(task: TaskProfile, weights: MatchingWeights): Promise<IndexScan> {
    const taxonomy = this.taxonomy!;
    const words = this.words;
    const has = (bits: Uint32Array, slot: number, bit: number) =>
      bit >= 0 && (bits[slot * words + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
    const bitOrNone = (code: string | null) => (code === null ? -1 : (this.bitOf.get(code) ?? -1));

    const allowedCountries = new Set(task.countries.map((code) => code.trim().toUpperCase()));
    const countryAllowed = this.countryCodes.map((code) => allowedCountries.has(code.trim().toUpperCase()));
    const requiredCodes = [...new Set(task.requirements.filter((r) => r.required).map((r) => r.capability))];
    const requiredBits = requiredCodes.map(bitOrNone);
    const requirements = task.requirements.map((requirement) => {
      const parent = taxonomy.parentOf(requirement.capability);
      const grandparent = parent === null ? null : taxonomy.parentOf(parent);
      return {
        weight: requirement.weight,
        code: bitOrNone(requirement.capability),
        parent: bitOrNone(parent),
        grandparent: bitOrNone(grandparent),
      };
    });
    const certificationKeys = [...new Set(task.certifications.map(normalizeCertification))].filter((key) => key !== '');

    const taskRegion = task.regionCode.trim().toUpperCase();
    const regionCount = this.regionCodes.length;
    const sameRegion = this.regionCodes.map((code) => code.trim().toUpperCase() === taskRegion);
    const distanceKm = await Promise.all(
      this.regionCodes.map(async (code, index) => {
        if (sameRegion[index]) {
          return 0;
        }
        const region = await this.regions.get(code);
        return region ? greatCircleKm(region, task.centre) : Infinity;
      }),
    );
    const withinDistance = distanceKm.map((km) => task.maxDistanceKm == null || km <= task.maxDistanceKm);

    const patterns = 4 ** requirements.length;
    const dense = patterns * regionCount <= DENSE_SCORE_CACHE;
    const denseScores = dense ? new Float64Array(patterns * regionCount).fill(NaN) : null;
    const sparseScores = new Map<number, number>();
    const scoreOf = (region: number, pattern: number): number => {
      const key = pattern * regionCount + region;
      const cached = denseScores ? denseScores[key] : sparseScores.get(key);
      if (cached !== undefined && !Number.isNaN(cached)) {
        return cached;
      }
      const credits: { weight: number; credit: number }[] = [];
      for (let index = requirements.length - 1, rest = pattern; index >= 0; index--, rest = Math.floor(rest / 4)) {
        credits[index] = { weight: requirements[index].weight, credit: LEVELS[rest % 4] };
      }
      const score = totalScoreOf(
        capabilityScoreOf(credits),
        regionScoreOf(sameRegion[region], distanceKm[region], weights),
        weights,
      );
      if (denseScores) {
        denseScores[key] = score;
      } else {
        sparseScores.set(key, score);
      }
      return score;
    };
    const nonePattern = patterns - 1;

    const result: IndexScan = {
      considered: 0,
      qualified: 0,
      candidateDistance: 0,
      belowThreshold: 0,
      excludedByCountry: 0,
      excludedByCapability: Object.fromEntries(requiredCodes.map((code) => [code, 0])),
      excludedByCertification: 0,
      excludedByDistance: 0,
      passing: [],
    };
    const capabilityCounts = new Array<number>(requiredCodes.length).fill(0);
    const { declared, closure, eligible, country, region } = this;

    residents: for (let slot = 0; slot < this.size; slot++) {
      if (eligible[slot] === 0) {
        continue;
      }
      if (!countryAllowed[country[slot]]) {
        result.excludedByCountry += 1;
        continue;
      }
      for (let index = 0; index < requiredBits.length; index++) {
        if (!has(closure, slot, requiredBits[index])) {
          capabilityCounts[index] += 1;
          continue residents;
        }
      }
      if (certificationKeys.length > 0) {
        const held = this.certifications[slot];
        if (!held || !certificationKeys.every((key) => held.includes(key))) {
          result.excludedByCertification += 1;
          continue;
        }
      }
      const home = region[slot];
      const far = !withinDistance[home];
      if (far) {
        result.excludedByDistance += 1;
      }
      let pattern = 0;
      for (const requirement of requirements) {
        const level = has(closure, slot, requirement.code)
          ? 0
          : has(declared, slot, requirement.parent)
            ? 1
            : has(declared, slot, requirement.grandparent)
              ? 2
              : NONE;
        pattern = pattern * 4 + level;
      }
      if (pattern === nonePattern) {
        continue; // earns nothing from any requirement: not a candidate at all
      }
      result.considered += 1;
      if (far) {
        result.candidateDistance += 1;
        continue;
      }
      const score = scoreOf(home, pattern);
      if (score < weights.threshold) {
        result.belowThreshold += 1;
        continue;
      }
      result.qualified += 1;
      result.passing.push({ slot, score });
    }
    requiredCodes.forEach((code, index) => (result.excludedByCapability[code] = capabilityCounts[index]));
    return result;
  }

  idOf(slot: number): string {
    return this.ids[slot];
  }

  headcountOf(slot: number): number {
    return this.headcount[slot];
  }

  /** The resident at `slot` as the pure engine takes it (open engagements supplied by the caller). */
  async profileOf(slot: number, openEngagements: number): Promise<ResidentProfile> {
    const capabilities: string[] = [];
    const base = slot * this.words;
    for (let word = 0; word < this.words; word++) {
      for (let bits = this.declared[base + word]; bits !== 0; bits &= bits - 1) {
        capabilities.push(this.codeOf[word * 32 + (31 - Math.clz32(bits & -bits))]);
      }
    }
    const regionCode = this.regionCodes[this.region[slot]];
    const region = await this.regions.get(regionCode);
    return {
      id: this.ids[slot],
      country: this.countryCodes[this.country[slot]],
      regionCode,
      centre: { lat: region?.lat ?? NaN, lon: region?.lon ?? NaN },
      headcount: this.headcount[slot],
      capabilities,
      certifications: [...(this.certifications[slot] ?? [])],
      openEngagements,
    };
  }
}

const SELECT_ROWS = `SELECT id, country, region_code, headcount, capabilities, certifications,
                            active AND unsubscribed_at IS NULL AS eligible
                     FROM residents`;
