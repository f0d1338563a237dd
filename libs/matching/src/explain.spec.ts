import { explainMatch, russianPlural } from './explain';
import type { MatchBreakdown, MatchLevel, RequirementBreakdown } from './matching.types';
import { scoreResident } from './scoring';
import { LABELS_EN, LABELS_RU, aResident, aTask, inRegion, taxonomy } from './testing/matching-fixtures';

const CREDIT: Record<MatchLevel, number> = { exact: 1, descendant: 1, parent: 0.5, grandparent: 0.25, none: 0 };

/** A breakdown with one requirement per level given, codes r1, r2, … */
function breakdownWith(levels: MatchLevel[], overrides: Partial<MatchBreakdown> = {}): MatchBreakdown {
  const requirements: RequirementBreakdown[] = levels.map((level, i) => ({
    capability: `r${i + 1}`,
    weight: 1,
    required: false,
    level,
    matchedBy: level === 'none' ? null : `m${i + 1}`,
    credit: CREDIT[level],
  }));
  return {
    requirements,
    capabilityScore: 1,
    distanceKm: 0,
    regionScore: 1,
    score: 1,
    sameRegion: true,
    ...overrides,
  };
}

const labelsFrom = (labels: Readonly<Record<string, string>>) => (code: string) => labels[code] ?? code;

describe(explainMatch.name, () => {
  // 26.11 itself, 26.12 through 26.12.smt-assembly, 25.62 through its parent 25.6; from Moscow.
  // capability (1 + 1 + 0.5) / 3 = 0.8333; region 0.4297; 0.7 · 0.833333 + 0.3 · 0.429688 = 0.7122
  const moscowBreakdown = scoreResident(
    aTask({
      requirements: [
        { capability: '26.11', weight: 1, required: true },
        { capability: '26.12', weight: 1, required: false },
        { capability: '25.62', weight: 1, required: false },
      ],
    }),
    inRegion('RU-MOW', { capabilities: ['26.11', '26.12.smt-assembly', '25.6'] }),
    taxonomy,
  );

  it('explains a match in English', () => {
    expect(moscowBreakdown.score).toBe(0.7122);
    expect(explainMatch(moscowBreakdown, 'en', labelsFrom(LABELS_EN))).toEqual([
      'Matches 2 of 3 requirements (1 exactly, 1 through a subcategory)',
      'Closest partial match: holds the parent category of 25.62 Machining',
      '676 km from the delivery region',
      'Score 0.71 (capabilities 0.83, location 0.43)',
    ]);
  });

  it('explains a match in Russian', () => {
    expect(explainMatch(moscowBreakdown, 'ru', labelsFrom(LABELS_RU))).toEqual([
      'Соответствует 2 требованиям из 3 (1 точно, 1 через подкатегорию)',
      'Ближайшее частичное совпадение: заявлена родительская категория для 25.62 Механическая обработка',
      '676\u00a0км от региона поставки',
      'Оценка 0,71 (компетенции 0,83; расположение 0,43)',
    ]);
  });

  it('shows bare codes without labels and says when the resident is in the delivery region', () => {
    // 25.62 itself, 26.12.smt-assembly through its grandparent 26.1, nothing for 25.73:
    // capability (1 + 0.25 + 0) / 3 = 0.416667; 0.7 · 0.416667 + 0.3 · 1 = 0.591667
    const breakdown = scoreResident(
      aTask({
        requirements: [
          { capability: '25.62', weight: 1, required: true },
          { capability: '26.12.smt-assembly', weight: 1, required: false },
          { capability: '25.73', weight: 1, required: false },
        ],
      }),
      aResident({ capabilities: ['25.62', '26.1'] }),
      taxonomy,
    );
    expect(explainMatch(breakdown, 'en')).toEqual([
      'Matches 1 of 3 requirements (1 exactly)',
      'Closest partial match: holds the category two levels above 26.12.smt-assembly',
      'No match for 25.73',
      'In the delivery region',
      'Score 0.59 (capabilities 0.42, location 1.00)',
    ]);
    expect(explainMatch(breakdown, 'ru')).toEqual([
      'Соответствует 1 требованию из 3 (1 точно)',
      'Ближайшее частичное совпадение: заявлена категория на два уровня выше 26.12.smt-assembly',
      'Нет совпадения: 25.73',
      'В регионе поставки',
      'Оценка 0,59 (компетенции 0,42; расположение 1,00)',
    ]);
  });

  it('shows a code alone when its label is missing or blank', () => {
    const breakdown = breakdownWith(['none', 'none', 'exact']);
    const labels = (code: string) => ({ r1: ' ', r2: 'r2' })[code] ?? 'Third';
    expect(explainMatch(breakdown, 'en', labels)[1]).toBe('No match for r1, r2');
  });

  it.each([
    [1, 'Matches 1 of 1 requirement (1 exactly)', 'Соответствует 1 требованию из 1 (1 точно)'],
    [2, 'Matches 2 of 2 requirements (2 exactly)', 'Соответствует 2 требованиям из 2 (2 точно)'],
    [5, 'Matches 5 of 5 requirements (5 exactly)', 'Соответствует 5 требованиям из 5 (5 точно)'],
    [11, 'Matches 11 of 11 requirements (11 exactly)', 'Соответствует 11 требованиям из 11 (11 точно)'],
    [21, 'Matches 21 of 21 requirements (21 exactly)', 'Соответствует 21 требованию из 21 (21 точно)'],
    [22, 'Matches 22 of 22 requirements (22 exactly)', 'Соответствует 22 требованиям из 22 (22 точно)'],
  ])('agrees in number with %p matched requirements', (count, en, ru) => {
    const breakdown = breakdownWith(Array.from({ length: count }, () => 'exact'));
    expect(explainMatch(breakdown, 'en')[0]).toBe(en);
    expect(explainMatch(breakdown, 'ru')[0]).toBe(ru);
  });

  it('agrees in number with several subcategory matches', () => {
    const breakdown = breakdownWith(['descendant', 'descendant', 'exact', 'none']);
    expect(explainMatch(breakdown, 'en')[0]).toBe('Matches 3 of 4 requirements (1 exactly, 2 through subcategories)');
    expect(explainMatch(breakdown, 'ru')[0]).toBe('Соответствует 3 требованиям из 4 (1 точно, 2 через подкатегории)');
  });

  it.each([
    [1, 'Does not match the requirement', 'Не соответствует требованию'],
    [3, 'Matches none of the 3 requirements', 'Не соответствует ни одному из 3 требований'],
    [5, 'Matches none of the 5 requirements', 'Не соответствует ни одному из 5 требований'],
    [21, 'Matches none of the 21 requirements', 'Не соответствует ни одному из 21 требования'],
  ])('says so when none of %p requirements is fully met', (count, en, ru) => {
    const breakdown = breakdownWith(Array.from({ length: count }, () => 'parent'));
    expect(explainMatch(breakdown, 'en')[0]).toBe(en);
    expect(explainMatch(breakdown, 'ru')[0]).toBe(ru);
  });

  it('gives one partial-match sentence per partly met requirement', () => {
    const sentences = explainMatch(breakdownWith(['parent', 'exact', 'grandparent']), 'en');
    expect(sentences.filter((s) => s.startsWith('Closest partial match'))).toEqual([
      'Closest partial match: holds the parent category of r1',
      'Closest partial match: holds the category two levels above r3',
    ]);
  });

  it('groups thousands of kilometres', () => {
    const breakdown = breakdownWith(['exact'], { sameRegion: false, distanceKm: 2092.5 });
    expect(explainMatch(breakdown, 'en')).toContain('2,093 km from the delivery region');
    expect(explainMatch(breakdown, 'ru')).toContain('2\u00a0093\u00a0км от региона поставки');
  });

  it('does not claim 0 km between two different regions', () => {
    const breakdown = breakdownWith(['exact'], { sameRegion: false, distanceKm: 0.4 });
    expect(explainMatch(breakdown, 'en')).toContain('Less than 1 km from the delivery region');
    expect(explainMatch(breakdown, 'ru')).toContain('Менее 1\u00a0км от региона поставки');
  });

  it('rounds the scores it shows half away from zero', () => {
    // 0.845 is 0.84499999… in binary, which toFixed(2) alone would show as 0.84.
    expect((0.845).toFixed(2)).toBe('0.84');
    const breakdown = breakdownWith(['exact'], { score: 0.845, capabilityScore: 0.9999, regionScore: 0.005 });
    expect(explainMatch(breakdown, 'en').at(-1)).toBe('Score 0.85 (capabilities 1.00, location 0.01)');
    expect(explainMatch(breakdown, 'ru').at(-1)).toBe('Оценка 0,85 (компетенции 1,00; расположение 0,01)');
  });
});

describe(russianPlural.name, () => {
  it.each([
    [0, 'many'],
    [1, 'one'],
    [2, 'few'],
    [4, 'few'],
    [5, 'many'],
    [11, 'many'],
    [12, 'many'],
    [14, 'many'],
    [21, 'one'],
    [22, 'few'],
    [25, 'many'],
    [101, 'one'],
    [111, 'many'],
    [112, 'many'],
    [122, 'few'],
  ])('picks the %p form for %p', (count, form) => {
    expect(russianPlural(count, 'one', 'few', 'many')).toBe(form);
  });
});
