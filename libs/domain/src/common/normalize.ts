/** Certifications are compared in one canonical form: trimmed, single-spaced, upper case ("ISO 9001"). */
export function normalizeCertification(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase();
}

export function normalizeCertifications(values: readonly string[]): string[] {
  return [...new Set(values.map(normalizeCertification))].sort();
}
