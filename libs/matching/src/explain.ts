import type { MatchBreakdown, RequirementBreakdown } from './matching.types';
import { roundHalfAwayFromZero } from './rounding';

export type ExplanationLanguage = 'ru' | 'en';

/** Russian plural forms for 1, 2–4 and 5+ (21 → one, 22 → few, 11–14 → many). */
export function russianPlural(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) {
    return one;
  }
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
    return few;
  }
  return many;
}

const groupThousands = (value: number, separator: string): string =>
  String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

interface Phrases {
  matched(matched: number, total: number): string;
  notMatched(total: number): string;
  howMatched(exact: number, throughSubcategory: number): string[];
  partial(level: 'parent' | 'grandparent', requirement: string): string;
  uncovered(requirements: string[]): string;
  inRegion: string;
  distance(km: number): string;
  underOneKm: string;
  score(total: string, capability: string, location: string): string;
  decimal(value: number): string;
}

const EN: Phrases = {
  matched: (matched, total) => `Matches ${matched} of ${total} ${total === 1 ? 'requirement' : 'requirements'}`,
  notMatched: (total) => (total === 1 ? 'Does not match the requirement' : `Matches none of the ${total} requirements`),
  howMatched: (exact, sub) => [
    ...(exact > 0 ? [`${exact} exactly`] : []),
    ...(sub > 0 ? [`${sub} through ${sub === 1 ? 'a subcategory' : 'subcategories'}`] : []),
  ],
  partial: (level, requirement) =>
    level === 'parent'
      ? `Closest partial match: holds the parent category of ${requirement}`
      : `Closest partial match: holds the category two levels above ${requirement}`,
  uncovered: (requirements) => `No match for ${requirements.join(', ')}`,
  inRegion: 'In the delivery region',
  distance: (km) => `${groupThousands(km, ',')} km from the delivery region`,
  underOneKm: 'Less than 1 km from the delivery region',
  score: (total, capability, location) => `Score ${total} (capabilities ${capability}, location ${location})`,
  decimal: (value) => value.toFixed(2),
};

const RU: Phrases = {
  matched: (matched, total) =>
    `Соответствует ${matched} ${russianPlural(matched, 'требованию', 'требованиям', 'требованиям')} из ${total}`,
  notMatched: (total) =>
    total === 1
      ? 'Не соответствует требованию'
      : `Не соответствует ни одному из ${total} ${russianPlural(total, 'требования', 'требований', 'требований')}`,
  howMatched: (exact, sub) => [
    ...(exact > 0 ? [`${exact} точно`] : []),
    ...(sub > 0 ? [`${sub} через ${sub === 1 ? 'подкатегорию' : 'подкатегории'}`] : []),
  ],
  partial: (level, requirement) =>
    level === 'parent'
      ? `Ближайшее частичное совпадение: заявлена родительская категория для ${requirement}`
      : `Ближайшее частичное совпадение: заявлена категория на два уровня выше ${requirement}`,
  uncovered: (requirements) => `Нет совпадения: ${requirements.join(', ')}`,
  inRegion: 'В регионе поставки',
  // A no-break space groups thousands in Russian typography and keeps the number whole on wrap.
  distance: (km) => `${groupThousands(km, '\u00a0')}\u00a0км от региона поставки`,
  underOneKm: 'Менее 1\u00a0км от региона поставки',
  // The decimal comma would make a comma-separated list ambiguous, hence the semicolon.
  score: (total, capability, location) => `Оценка ${total} (компетенции ${capability}; расположение ${location})`,
  decimal: (value) => value.toFixed(2).replace('.', ','),
};

/**
 * Short sentences telling an enterprise, a coordinator or a resident why a match scored as it did: how many
 * requirements were met and how, the nearest partial matches, what is not covered, the distance and the
 * score with its two parts (two decimals).
 * @param labels maps a capability code to its label in `lang`; codes are shown as `code label`.
 */
export function explainMatch(
  breakdown: MatchBreakdown,
  lang: ExplanationLanguage,
  labels?: (code: string) => string,
): string[] {
  const phrases = lang === 'ru' ? RU : EN;
  const describe = (code: string): string => {
    const label = labels?.(code).trim();
    return label && label !== code ? `${code} ${label}` : code;
  };
  const count = (predicate: (r: RequirementBreakdown) => boolean): number =>
    breakdown.requirements.filter(predicate).length;

  const total = breakdown.requirements.length;
  const exact = count((r) => r.level === 'exact');
  const throughSubcategory = count((r) => r.level === 'descendant');
  const matched = exact + throughSubcategory;
  const how = phrases.howMatched(exact, throughSubcategory);
  const sentences = [
    matched === 0 ? phrases.notMatched(total) : `${phrases.matched(matched, total)} (${how.join(', ')})`,
  ];
  for (const r of breakdown.requirements) {
    if (r.level === 'parent' || r.level === 'grandparent') {
      sentences.push(phrases.partial(r.level, describe(r.capability)));
    }
  }
  const uncovered = breakdown.requirements.filter((r) => r.level === 'none').map((r) => describe(r.capability));
  if (uncovered.length > 0) {
    sentences.push(phrases.uncovered(uncovered));
  }
  const km = roundHalfAwayFromZero(breakdown.distanceKm, 0);
  sentences.push(breakdown.sameRegion ? phrases.inRegion : km < 1 ? phrases.underOneKm : phrases.distance(km));
  const decimal = (value: number): string => phrases.decimal(roundHalfAwayFromZero(value, 2));
  sentences.push(
    phrases.score(decimal(breakdown.score), decimal(breakdown.capabilityScore), decimal(breakdown.regionScore)),
  );
  return sentences;
}
