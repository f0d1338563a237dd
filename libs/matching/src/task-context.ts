import { greatCircleKm } from './geo';
import type { ResidentProfile, Taxonomy, TaskProfile } from './matching.types';
import { Ancestry } from './taxonomy';

/**
 * Certifications compare case-insensitively after trimming and collapsing whitespace (NFKC first, so that
 * full-width letters and no-break spaces compare like their plain forms): 'iso  9001' holds 'ISO 9001'.
 */
export function normalizeCertification(certification: string): string {
  return certification.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Country and region codes are upper-case ISO codes; tolerate stray case and spaces from imports. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase();

/** What one task needs for matching, computed once per call and shared by every resident. */
export interface TaskContext {
  readonly task: TaskProfile;
  readonly ancestry: Ancestry;
  readonly countries: ReadonlySet<string>;
  readonly regionCode: string;
  /** Required capability codes in the task's order, without repeats. */
  readonly requiredCodes: readonly string[];
  /** Every capability code the task names. */
  readonly requestedCodes: ReadonlySet<string>;
  /** Required certifications in the task's order, blank and repeated ones left out. */
  readonly certifications: readonly { readonly name: string; readonly key: string }[];
}

/** @throws RangeError for a task the engine cannot score: no requirements, or a negative or non-finite weight. */
export function createTaskContext(task: TaskProfile, taxonomy: Taxonomy | Ancestry): TaskContext {
  if (task.requirements.length === 0) {
    throw new RangeError('A task needs at least one requirement to be matched');
  }
  for (const { capability, weight } of task.requirements) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`Requirement "${capability}" has weight ${weight}; weights must be finite and not negative`);
    }
  }
  const certifications = new Map<string, string>();
  for (const name of task.certifications) {
    const key = normalizeCertification(name);
    if (key !== '' && !certifications.has(key)) {
      certifications.set(key, name);
    }
  }
  return {
    task,
    ancestry: taxonomy instanceof Ancestry ? taxonomy : new Ancestry(taxonomy),
    countries: new Set(task.countries.map(normalizeCode)),
    regionCode: normalizeCode(task.regionCode),
    requiredCodes: [...new Set(task.requirements.filter((r) => r.required).map((r) => r.capability))],
    requestedCodes: new Set(task.requirements.map((r) => r.capability)),
    certifications: [...certifications].map(([key, name]) => ({ name, key })),
  };
}

export function isSameRegion(context: TaskContext, resident: ResidentProfile): boolean {
  return normalizeCode(resident.regionCode) === context.regionCode;
}

/** Unrounded distance between the region centres; 0 within the delivery region, whatever the centres say. */
export function distanceToTaskKm(context: TaskContext, resident: ResidentProfile): number {
  return isSameRegion(context, resident) ? 0 : greatCircleKm(resident.centre, context.task.centre);
}
