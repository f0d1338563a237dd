import type { EnterpriseMatchView, Task } from '@app/domain';

/** The public JSON shape of a task. */
export function presentTask(task: Task) {
  return {
    id: task.id,
    status: task.status,
    version: task.version,
    title: task.title,
    description: task.description,
    substitutes: {
      name: task.substituteName,
      tnVed: task.substituteTnVed,
      manufacturer: task.substituteManufacturer,
      partNumber: task.substitutePartNumber,
    },
    requirements: [...(task.requirements ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((requirement) => ({
        capability: requirement.capabilityCode,
        weight: requirement.weight,
        required: requirement.required,
      })),
    region: task.regionCode,
    countries: task.countries,
    maxDistanceKm: task.maxDistanceKm,
    certifications: task.certifications,
    quantity: task.quantity,
    budget: task.budgetAmount !== null ? { amount: task.budgetAmount, currency: task.budgetCurrency } : null,
    deadline: task.deadline,
    matchingOptions: task.matchingOptions,
    matching: task.matchingSummary
      ? { matchedAt: task.matchedAt, matchedVersion: task.matchedVersion, ...task.matchingSummary }
      : null,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

/** A match as the task's enterprise sees it. */
export function presentMatch({ match, resident }: EnterpriseMatchView) {
  return {
    id: match.id,
    rank: match.rank,
    score: match.score,
    status: match.status,
    resident: {
      id: resident.id,
      name: resident.name,
      country: resident.country,
      region: resident.regionCode,
      headcount: resident.headcount,
      contact: resident.emails ? { emails: resident.emails } : null,
    },
    breakdown: match.breakdown,
    answeredAt: match.answeredAt,
    declineReason: match.declineReason,
  };
}
