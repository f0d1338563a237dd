/**
 * Taxpayer numbers of the cluster's countries. Sources: python-stdnum (`stdnum/ru/inn.py`,
 * `stdnum/by/unp.py`), the OECD "Kazakhstan – Information on Tax Identification Numbers" sheet, and
 * published numbers that every rule below accepts (see legal-id.spec.ts).
 *
 * - RU INN (ИНН): 10 digits for legal entities, 12 for individual entrepreneurs; each check digit is
 *   Σ digitᵢ·weightᵢ mod 11 mod 10.
 * - BY UNP (УНП): 9 characters; the 9th is Σ digitᵢ·weightᵢ mod 11 over the first 8 with weights
 *   29,23,19,17,13,7,5,3, and remainder 10 is never issued (stdnum cites be.wikipedia "Уліковы нумар
 *   плацельшчыка"). Entrepreneurs' UNPs may carry letters in the first two positions; only the
 *   all-digit form of legal entities is accepted for now.
 * - KZ BIN (БСН): 12 digits, check digit Σ digitᵢ·i mod 11 (i = 1..11); when that gives 10 the weights
 *   3..11,1,2 are used instead, and a second 10 means the number is never issued.
 * - KG and UZ taxpayer numbers (ИНН): digit count only, 14 and 9.
 */

export type LegalIdKind = 'UNP' | 'INN' | 'BIN' | 'TIN';

interface LegalIdRule {
  kind: LegalIdKind;
  lengths: readonly number[];
  checksum?: (digits: string) => string | null;
}

const UNP_WEIGHTS = [29, 23, 19, 17, 13, 7, 5, 3] as const;
const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_FIRST_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_SECOND_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const BIN_FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const BIN_SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

const RULES: Readonly<Record<string, LegalIdRule>> = {
  BY: { kind: 'UNP', lengths: [9], checksum: checkUnp },
  RU: { kind: 'INN', lengths: [10, 12], checksum: checkInn },
  KZ: { kind: 'BIN', lengths: [12], checksum: checkBin },
  KG: { kind: 'TIN', lengths: [14] },
  UZ: { kind: 'TIN', lengths: [9] },
};

/** Which taxpayer number a resident of `country` (ISO 3166-1 alpha-2) registers with. */
export function legalIdKindFor(country: string): LegalIdKind {
  const rule = ruleFor(country);
  if (!rule) {
    throw new RangeError(`No legal id rule for country "${country}"; expected one of ${supportedCountries()}`);
  }
  return rule.kind;
}

/** The canonical form a legal id is stored and compared in: no whitespace anywhere. */
export function normalizeLegalId(value: string): string {
  return value.replace(/\s+/g, '');
}

/**
 * Checks a legal id of a resident of `country`. Whitespace is ignored (see {@link normalizeLegalId}).
 * @returns null when valid, else an English message saying what is wrong.
 */
export function validateLegalId(country: string, value: string): string | null {
  const rule = ruleFor(country);
  if (!rule) {
    return `Country "${country}" has no legal id rule; expected one of ${supportedCountries()}`;
  }
  const digits = normalizeLegalId(value);
  const expected = rule.lengths.join(' or ');
  if (digits === '') {
    return `${rule.kind} is required`;
  }
  if (!/^\d+$/.test(digits)) {
    if (rule.kind === 'UNP' && digits.length === 9 && /^[0-9A-ZА-Я]{2}\d{7}$/i.test(digits)) {
      return 'UNP with letters (individual entrepreneurs) is not supported yet; only the 9-digit UNP of a legal entity is accepted';
    }
    return `${rule.kind} must contain only digits`;
  }
  if (!rule.lengths.includes(digits.length)) {
    return `${rule.kind} must have ${expected} digits`;
  }
  return rule.checksum ? rule.checksum(digits) : null;
}

/** Appends the UNP check digit to 8 digits. Throws when the body gives remainder 10: no such UNP exists. */
export function makeValidUnp(body8: string): string {
  assertDigits(body8, 8, 'UNP body');
  const check = unpCheckDigit(body8);
  if (check === null) {
    throw new RangeError(`UNP body ${body8} gives check remainder 10; no valid UNP starts with it`);
  }
  return body8 + String(check);
}

/** Appends the check digit of a legal entity's INN to 9 digits. */
export function makeValidInn10(body9: string): string {
  assertDigits(body9, 9, 'INN body');
  return body9 + String(innCheckDigit(body9, INN10_WEIGHTS));
}

/** Appends the two check digits of an individual entrepreneur's INN to 10 digits. */
export function makeValidInn12(body10: string): string {
  assertDigits(body10, 10, 'INN body');
  const withFirst = body10 + String(innCheckDigit(body10, INN12_FIRST_WEIGHTS));
  return withFirst + String(innCheckDigit(withFirst, INN12_SECOND_WEIGHTS));
}

/** Appends the BIN check digit to 11 digits. Throws when both weightings give 10: no such BIN exists. */
export function makeValidBin(body11: string): string {
  assertDigits(body11, 11, 'BIN body');
  const check = binCheckDigit(body11);
  if (check === null) {
    throw new RangeError(
      `BIN body ${body11} gives check remainder 10 under both weightings; no valid BIN starts with it`,
    );
  }
  return body11 + String(check);
}

function ruleFor(country: string): LegalIdRule | undefined {
  return Object.hasOwn(RULES, country) ? RULES[country] : undefined;
}

function supportedCountries(): string {
  return Object.keys(RULES).join(', ');
}

function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * Number(digits[index]), 0);
}

function unpCheckDigit(body8: string): number | null {
  const remainder = weightedSum(body8, UNP_WEIGHTS) % 11;
  return remainder === 10 ? null : remainder;
}

/** mod 11 then mod 10: remainders 0 and 10 both give check digit 0. */
function innCheckDigit(body: string, weights: readonly number[]): number {
  return (weightedSum(body, weights) % 11) % 10;
}

function binCheckDigit(body11: string): number | null {
  const first = weightedSum(body11, BIN_FIRST_WEIGHTS) % 11;
  if (first !== 10) {
    return first;
  }
  const second = weightedSum(body11, BIN_SECOND_WEIGHTS) % 11;
  return second === 10 ? null : second;
}

function checkUnp(digits: string): string | null {
  const check = unpCheckDigit(digits.slice(0, 8));
  if (check === null) {
    return 'UNP is invalid: its first 8 digits give check remainder 10, which is never issued';
  }
  return String(check) === digits[8] ? null : 'UNP check digit does not match';
}

function checkInn(digits: string): string | null {
  if (digits.length === 10) {
    return makeValidInn10(digits.slice(0, 9)) === digits ? null : 'INN check digit does not match';
  }
  return makeValidInn12(digits.slice(0, 10)) === digits ? null : 'INN check digits do not match';
}

function checkBin(digits: string): string | null {
  const check = binCheckDigit(digits.slice(0, 11));
  if (check === null) {
    return 'BIN is invalid: its first 11 digits give check remainder 10 under both weightings';
  }
  return String(check) === digits[11] ? null : 'BIN check digit does not match';
}

function assertDigits(value: string, length: number, what: string): void {
  if (value.length !== length || !/^\d+$/.test(value)) {
    throw new RangeError(`${what} must be exactly ${length} digits, got "${value}"`);
  }
}
