import { holdsCapability, indexDeclaredCapabilities, type DeclaredCapabilities } from './capability-match';
import type { ExclusionReason, ResidentProfile, Taxonomy, TaskProfile } from './matching.types';
import {
  createTaskContext,
  distanceToTaskKm,
  normalizeCertification,
  normalizeCode,
  type TaskContext,
} from './task-context';

/** DESIGN.md §4.1, checked in the order country, capability, certification, distance. */
export function firstFailingFilter(
  context: TaskContext,
  resident: ResidentProfile,
  capabilities: DeclaredCapabilities,
  distanceKm: number,
): ExclusionReason | null {
  if (!context.countries.has(normalizeCode(resident.country))) {
    return { kind: 'country' };
  }
  for (const capability of context.requiredCodes) {
    if (!holdsCapability(capabilities, capability)) {
      return { kind: 'capability', capability };
    }
  }
  if (context.certifications.length > 0) {
    const held = new Set(resident.certifications.map(normalizeCertification));
    for (const { name, key } of context.certifications) {
      if (!held.has(key)) {
        return { kind: 'certification', certification: name };
      }
    }
  }
  const { maxDistanceKm } = context.task;
  if (maxDistanceKm != null && !(distanceKm <= maxDistanceKm)) {
    return { kind: 'distance' };
  }
  return null;
}

/**
 * Why `resident` cannot be a candidate for `task`, or null when it can: the first failing filter in the
 * order country, capability (the first required code it does not hold), certification (the first one
 * missing, as the task spells it), distance.
 */
export function hardFilter(task: TaskProfile, resident: ResidentProfile, taxonomy: Taxonomy): ExclusionReason | null {
  const context = createTaskContext(task, taxonomy);
  const capabilities = indexDeclaredCapabilities(resident.capabilities, context);
  return firstFailingFilter(context, resident, capabilities, distanceToTaskKm(context, resident));
}
