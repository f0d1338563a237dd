import fc from 'fast-check';
import { round4, roundHalfAwayFromZero } from './rounding';

describe(roundHalfAwayFromZero.name, () => {
  it.each([
    [0.12345, 4, 0.1235],
    [-0.12345, 4, -0.1235],
    [0.12344, 4, 0.1234],
    [1.00005, 4, 1.0001], // 1.00005 · 10⁴ is 10000.499999… in binary; naive rounding gives 1
    [0.03125, 4, 0.0313],
    [675.75686, 1, 675.8],
    [675.75, 1, 675.8],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.00004, 4, 0],
    [1.2e-7, 4, 0],
    [0.99995, 4, 1],
    [1, 4, 1],
    [0, 4, 0],
  ])('rounds %p to %p decimals as %p', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.00001, 4), 0)).toBe(true);
  });

  it('passes non-finite values through', () => {
    expect(roundHalfAwayFromZero(Number.NaN, 4)).toBeNaN();
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 4)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe(round4.name, () => {
  it('rounds to 4 decimals', () => {
    expect(round4(0.828906)).toBe(0.8289);
    expect(round4(0.7 * 0.775 + 0.3)).toBe(0.8425);
  });
});

describe('roundHalfAwayFromZero against the exact decimal method', () => {
  /** Reference: shift the decimal point in the shortest decimal string, then round. */
  const exactDecimal = (value: number, decimals: number): number => {
    const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
    const rounded = Number(`${Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`))}e-${decimals}`);
    return Math.sign(value) * rounded || 0;
  };

  it('agrees on random values and on values built to sit on a half', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n + 0.5) / 1e4),
          fc.integer({ min: -1e7, max: 1e7 }).map((n) => (n + 0.5) / 10),
        ),
        fc.constantFrom(0, 1, 2, 4),
        (value, decimals) => {
          expect(roundHalfAwayFromZero(value, decimals)).toBe(exactDecimal(value, decimals));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
