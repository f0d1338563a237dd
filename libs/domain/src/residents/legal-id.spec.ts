import fc from 'fast-check';
import {
  legalIdKindFor,
  makeValidBin,
  makeValidInn10,
  makeValidInn12,
  makeValidUnp,
  normalizeLegalId,
  validateLegalId,
} from './legal-id';

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));

/** Every value that differs from `value` in exactly one position. */
function oneDigitChanges(value: string): string[] {
  const changed: string[] = [];
  for (let position = 0; position < value.length; position++) {
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) !== value[position]) {
        changed.push(value.slice(0, position) + String(digit) + value.slice(position + 1));
      }
    }
  }
  return changed;
}

/** Some UNP and BIN bodies give remainder 10; no valid number starts with them. */
function hasCheckDigit(build: (body: string) => string, body: string): boolean {
  try {
    build(body);
    return true;
  } catch {
    return false;
  }
}

describe('legal ids', () => {
  describe(legalIdKindFor.name, () => {
    it.each([
      ['BY', 'UNP'],
      ['RU', 'INN'],
      ['KZ', 'BIN'],
      ['KG', 'TIN'],
      ['UZ', 'TIN'],
    ])('%s registers with a %s', (country, kind) => {
      expect(legalIdKindFor(country)).toBe(kind);
    });

    it('refuses a country outside the cluster', () => {
      expect(() => legalIdKindFor('DE')).toThrow(
        'No legal id rule for country "DE"; expected one of BY, RU, KZ, KG, UZ',
      );
    });
  });

  describe(normalizeLegalId.name, () => {
    it('trims and removes the spaces people type between digit groups', () => {
      expect(normalizeLegalId('  7707 083 893 ')).toBe('7707083893');
      expect(normalizeLegalId('200\u00a0988\t541')).toBe('200988541');
    });
  });

  describe(validateLegalId.name, () => {
    it.each([
      ['RU', '7707083893'],
      ['RU', '1234567894'],
      ['RU', '500100732259'],
      ['RU', '123456789047'],
      ['BY', '200988541'],
      ['BY', '100582333'],
      ['BY', '600032395'],
      ['BY', '491038130'],
      ['KZ', '940140000385'],
      ['KZ', '990140004654'],
    ])('accepts the published %s number %s', (country, value) => {
      expect(validateLegalId(country, value)).toBeNull();
    });

    it('checks KG and UZ taxpayer numbers by digit count only', () => {
      expect(validateLegalId('KG', '02203201010070')).toBeNull();
      expect(validateLegalId('UZ', '207081537')).toBeNull();
    });

    it('ignores spaces around and inside the number', () => {
      expect(validateLegalId('RU', ' 7707 083 893 ')).toBeNull();
    });

    it.each([
      ['RU', '7707083894', 'INN check digit does not match'],
      ['RU', '500100732258', 'INN check digits do not match'],
      ['RU', '500100732269', 'INN check digits do not match'],
      ['BY', '200988542', 'UNP check digit does not match'],
      ['BY', '100000010', 'UNP is invalid: its first 8 digits give check remainder 10, which is never issued'],
      ['KZ', '940140000386', 'BIN check digit does not match'],
      ['KZ', '940140000960', 'BIN is invalid: its first 11 digits give check remainder 10 under both weightings'],
    ])('rejects %s %s: %s', (country, value, message) => {
      expect(validateLegalId(country, value)).toBe(message);
    });

    it.each([
      ['RU', '770708389', 'INN must have 10 or 12 digits'],
      ['RU', '77070838931', 'INN must have 10 or 12 digits'],
      ['RU', '5001007322590', 'INN must have 10 or 12 digits'],
      ['BY', '20098854', 'UNP must have 9 digits'],
      ['BY', '2009885410', 'UNP must have 9 digits'],
      ['KZ', '94014000038', 'BIN must have 12 digits'],
      ['KG', '0220320101007', 'TIN must have 14 digits'],
      ['UZ', '2070815370', 'TIN must have 9 digits'],
    ])('rejects %s %s of the wrong length', (country, value, message) => {
      expect(validateLegalId(country, value)).toBe(message);
    });

    it.each([
      ['RU', '77070838-3', 'INN must contain only digits'],
      ['RU', 'ИНН7707083893', 'INN must contain only digits'],
      ['KZ', '12345678901X', 'BIN must contain only digits'],
      ['UZ', '2070815O7', 'TIN must contain only digits'],
      ['BY', '20098854I', 'UNP must contain only digits'],
    ])('rejects %s %s with non-digits', (country, value, message) => {
      expect(validateLegalId(country, value)).toBe(message);
    });

    it("says that an entrepreneur's UNP with letters is not supported yet", () => {
      expect(validateLegalId('BY', 'MA1953684')).toBe(
        'UNP with letters (individual entrepreneurs) is not supported yet; only the 9-digit UNP of a legal entity is accepted',
      );
    });

    it('asks for a value when there is none', () => {
      expect(validateLegalId('RU', '  ')).toBe('INN is required');
      expect(validateLegalId('BY', '')).toBe('UNP is required');
    });

    it('names the supported countries when the country has no rule', () => {
      expect(validateLegalId('DE', '123456789')).toBe(
        'Country "DE" has no legal id rule; expected one of BY, RU, KZ, KG, UZ',
      );
      expect(validateLegalId('constructor', '123456789')).toMatch(/^Country "constructor" has no legal id rule/);
    });
  });

  describe('check digit builders', () => {
    it('rebuild the published numbers from their bodies', () => {
      expect(makeValidInn10('770708389')).toBe('7707083893');
      expect(makeValidInn12('5001007322')).toBe('500100732259');
      expect(makeValidUnp('20098854')).toBe('200988541');
      expect(makeValidBin('94014000038')).toBe('940140000385');
    });

    it('refuse bodies that no valid number starts with', () => {
      expect(() => makeValidUnp('10000001')).toThrow(
        'UNP body 10000001 gives check remainder 10; no valid UNP starts with it',
      );
      expect(() => makeValidBin('94014000096')).toThrow(RangeError);
    });

    it('refuse bodies of the wrong shape', () => {
      expect(() => makeValidInn10('77070838')).toThrow('INN body must be exactly 9 digits, got "77070838"');
      expect(() => makeValidUnp('2009885a')).toThrow(RangeError);
    });

    it('always produce numbers the validator accepts', () => {
      fc.assert(
        fc.property(digits(9), (body) => validateLegalId('RU', makeValidInn10(body)) === null),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(digits(10), (body) => validateLegalId('RU', makeValidInn12(body)) === null),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(digits(8), (body) => {
          fc.pre(hasCheckDigit(makeValidUnp, body));
          return validateLegalId('BY', makeValidUnp(body)) === null;
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(digits(11), (body) => {
          fc.pre(hasCheckDigit(makeValidBin, body));
          return validateLegalId('KZ', makeValidBin(body)) === null;
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('single-digit typos', () => {
    it('are always caught in a UNP', () => {
      // Every UNP weight is coprime with 11, so one changed digit always moves the remainder.
      fc.assert(
        fc.property(digits(8), (body) => {
          fc.pre(hasCheckDigit(makeValidUnp, body));
          return oneDigitChanges(makeValidUnp(body)).every((typo) => validateLegalId('BY', typo) !== null);
        }),
        { numRuns: 300 },
      );
    });

    it('are caught in a 10-digit INN whose check digit is not 0', () => {
      fc.assert(
        fc.property(digits(9), (body) => {
          const inn = makeValidInn10(body);
          fc.pre(!inn.endsWith('0'));
          return oneDigitChanges(inn).every((typo) => validateLegalId('RU', typo) !== null);
        }),
        { numRuns: 300 },
      );
    });

    it('in the check digit of a 10-digit INN are always caught', () => {
      fc.assert(
        fc.property(digits(9), fc.integer({ min: 1, max: 9 }), (body, shift) => {
          const inn = makeValidInn10(body);
          const typo = inn.slice(0, 9) + String((Number(inn[9]) + shift) % 10);
          return validateLegalId('RU', typo) === 'INN check digit does not match';
        }),
      );
    });

    it('can slip through an INN whose check digit is 0, as mod 11 mod 10 folds remainders 0 and 10 together', () => {
      expect(validateLegalId('RU', '7707083910')).toBeNull();
      expect(validateLegalId('RU', '1707083910')).toBeNull();
    });
  });
});
