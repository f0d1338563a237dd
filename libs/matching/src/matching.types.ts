/** ISO 3166-1 alpha-2 country code, e.g. `BY`, `RU`. */
export type Country = string;

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Requirement {
  /** Capability taxonomy code, e.g. `25.62`. */
  capability: string;
  /** Relative weight, 0..1 (only the ratios between a task's weights matter). */
  weight: number;
  /** A required capability is a hard filter; an optional one only adds to the score. */
  required: boolean;
}

export interface TaskProfile {
  /** At least one. */
  requirements: Requirement[];
  /** ISO 3166-2 code of the delivery region. */
  regionCode: string;
  /** Administrative centre of the delivery region. */
  centre: GeoPoint;
  /** Residents may come from these countries. */
  countries: Country[];
  maxDistanceKm: number | null;
  /** Every one of them is required. */
  certifications: string[];
}

export interface ResidentProfile {
  id: string;
  country: Country;
  regionCode: string;
  centre: GeoPoint;
  headcount: number;
  /** Capability codes the resident declared. */
  capabilities: string[];
  certifications: string[];
  openEngagements: number;
}

/** Parent lookup over the capability taxonomy (codes like 'C' > '25' > '25.6' > '25.62' > '25.62.cnc-milling-5axis'). */
export interface Taxonomy {
  /** The parent code, or null for a root or an unknown code. */
  parentOf(code: string): string | null;
}

export interface MatchingWeights {
  /** Weight of the capability score in the total; capability + region = 1. */
  capability: number;
  /** Weight of the region score in the total. */
  region: number;
  /** Minimum total score a match must reach, 0..1. */
  threshold: number;
  /** Maximum number of matches per task, 1..100. */
  limit: number;
  /** Region score is exp(−distance / distanceScaleKm), 50..5000 km. */
  distanceScaleKm: number;
}

/** How a resident's declared capabilities meet one requirement, best first. */
export type MatchLevel = 'exact' | 'descendant' | 'parent' | 'grandparent' | 'none';

export interface RequirementBreakdown {
  capability: string;
  weight: number;
  required: boolean;
  level: MatchLevel;
  /** The declared code that earned the credit, or null when none did. */
  matchedBy: string | null;
  /** 1, 0.5, 0.25 or 0. */
  credit: number;
}

export interface MatchBreakdown {
  requirements: RequirementBreakdown[];
  /** Rounded to 4 decimals. */
  capabilityScore: number;
  /** Great-circle distance between the region centres, rounded to 1 decimal; 0 in the same region. */
  distanceKm: number;
  /** Rounded to 4 decimals. */
  regionScore: number;
  /** Total, rounded to 4 decimals from the unrounded parts. */
  score: number;
  sameRegion: boolean;
}

export interface ScoredResident {
  residentId: string;
  score: number;
  /** 1-based. */
  rank: number;
  breakdown: MatchBreakdown;
}

/** The keys {@link compareCandidates} orders by. */
export interface RankingCandidate {
  residentId: string;
  score: number;
  openEngagements: number;
  headcount: number;
}

export type ExclusionReason =
  | { kind: 'country' }
  | { kind: 'capability'; capability: string }
  | { kind: 'certification'; certification: string }
  | { kind: 'distance' };

export interface ExclusionCounts {
  country: number;
  /** Per required capability code (every required code of the task is present, possibly with 0). */
  capability: Record<string, number>;
  certification: number;
  distance: number;
  /** Passed every hard filter but scored under the threshold. */
  belowThreshold: number;
}

export interface MatchingResult {
  /** Best first, at most `limit`. */
  matches: ScoredResident[];
  /** Residents looked at. */
  considered: number;
  /** Residents that passed the hard filters and the threshold, before the limit was applied. */
  qualified: number;
  excluded: ExclusionCounts;
  /** Fewer than {@link MIN_QUALIFIED_MATCHES} residents qualified. */
  tooFew: boolean;
}
