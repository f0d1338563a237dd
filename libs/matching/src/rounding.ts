/** How close to an exact half the scaled value must come before the slow, exact path decides. */
const TIE_TOLERANCE = 1e-6;

/**
 * Rounds half away from zero to `decimals` places, as the number reads in decimal (its shortest
 * representation, what `String(value)` prints): `0.12345` becomes `0.1235` although its binary value lies a
 * hair below the half, where `Math.round(value * 1e4) / 1e4` would give 0.1234.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) {
    return value;
  }
  if (value === 0) {
    return 0; // also for -0
  }
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Far from a tie the binary error cannot change the result; this path is the hot one when ranking.
  const rounded =
    Math.abs(scaled - Math.floor(scaled) - 0.5) > TIE_TOLERANCE
      ? Math.round(scaled) / factor
      : roundNearTie(value, decimals);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Shifts the decimal point in the decimal string itself, so no binary multiplication error creeps in. */
function roundNearTie(value: number, decimals: number): number {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  return Number(`${Math.round(shifted)}e-${decimals}`);
}

export function round4(value: number): number {
  return roundHalfAwayFromZero(value, 4);
}
