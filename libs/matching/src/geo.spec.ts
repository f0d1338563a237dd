import { EARTH_RADIUS_KM, greatCircleKm } from './geo';
import { CENTRES } from './testing/matching-fixtures';

describe(greatCircleKm.name, () => {
  it('is 0 between a point and itself', () => {
    expect(greatCircleKm(CENTRES['BY-HM'], CENTRES['BY-HM'])).toBe(0);
  });

  it('measures Minsk to Moscow as about 675.76 km', () => {
    // Haversine by hand: Δφ = 1.8552°, Δλ = 10.0583°, φ₁ = 53.9006°, φ₂ = 55.7558°
    // a = sin²(0.9276°) + cos 53.9006° · cos 55.7558° · sin²(5.02915°)
    //   = 0.00026208 + 0.58919 · 0.56272 · 0.0076847 = 0.0028099
    // d = 2 · 6371.0088 · asin(√0.0028099) = 12742.0176 · 0.053034 ≈ 675.76 km
    expect(greatCircleKm(CENTRES['BY-HM'], CENTRES['RU-MOW'])).toBeCloseTo(675.76, 1);
  });

  it('is symmetric', () => {
    expect(greatCircleKm(CENTRES['RU-MOW'], CENTRES['BY-HM'])).toBe(greatCircleKm(CENTRES['BY-HM'], CENTRES['RU-MOW']));
  });

  it('measures one degree along a meridian as 2πR / 360 ≈ 111.195 km', () => {
    expect(greatCircleKm({ lat: 10, lon: 30 }, { lat: 11, lon: 30 })).toBeCloseTo(
      (2 * Math.PI * EARTH_RADIUS_KM) / 360,
      6,
    );
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
  });

  it('measures antipodes as half the circumference rather than NaN', () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(greatCircleKm({ lat: 53.9006, lon: 27.559 }, { lat: -53.9006, lon: -152.441 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_KM,
      3,
    );
  });

  it('takes the short way across the antimeridian', () => {
    expect(greatCircleKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(111.195, 3);
  });
});
