import { greatCircleKm } from './geo';
import { hardFilter } from './hard-filter';
import type { Requirement } from './matching.types';
import { CENTRES, aResident, aTask, inRegion, taxonomy } from './testing/matching-fixtures';

const required = (capability: string): Requirement => ({ capability, weight: 1, required: true });
const optional = (capability: string): Requirement => ({ capability, weight: 1, required: false });

describe(hardFilter.name, () => {
  it('lets through a resident meeting every filter', () => {
    expect(hardFilter(aTask(), aResident(), taxonomy)).toBeNull();
  });

  describe('country', () => {
    it('excludes a resident from a country the task does not accept', () => {
      expect(hardFilter(aTask(), aResident({ country: 'KZ' }), taxonomy)).toEqual({ kind: 'country' });
    });

    it('accepts a partner country when the task lists it', () => {
      expect(hardFilter(aTask({ countries: ['BY', 'RU', 'KZ'] }), aResident({ country: 'KZ' }), taxonomy)).toBeNull();
    });

    it('ignores case and stray spaces in country codes', () => {
      expect(hardFilter(aTask({ countries: ['by'] }), aResident({ country: ' BY' }), taxonomy)).toBeNull();
    });
  });

  describe('capability', () => {
    it.each([
      ['the code itself', ['25.62']],
      ['a child of it', ['25.62.cnc-milling-5axis']],
      ['one of several', ['26.11', '25.62.cnc-milling-3axis']],
    ])('holds a required code by declaring %s', (_, capabilities) => {
      expect(hardFilter(aTask(), aResident({ capabilities }), taxonomy)).toBeNull();
    });

    it('holds a broad code through a deep descendant', () => {
      const task = aTask({ requirements: [required('25')] });
      expect(hardFilter(task, aResident({ capabilities: ['25.62.cnc-milling-5axis'] }), taxonomy)).toBeNull();
    });

    it.each([
      ['its parent', ['25.6']],
      ['its grandparent', ['25']],
      ['a sibling', ['25.61']],
      ['a cousin', ['25.61.cnc-turning']],
      ['an unrelated code', ['26.12']],
      ['nothing', []],
    ])('does not hold a required code by declaring %s', (_, capabilities) => {
      expect(hardFilter(aTask(), aResident({ capabilities }), taxonomy)).toEqual({
        kind: 'capability',
        capability: '25.62',
      });
    });

    it('names the first required code missing, in the task order', () => {
      const task = aTask({ requirements: [optional('25.73'), required('25.62'), required('26.12')] });
      expect(hardFilter(task, aResident({ capabilities: [] }), taxonomy)).toEqual({
        kind: 'capability',
        capability: '25.62',
      });
      expect(hardFilter(task, aResident({ capabilities: ['25.62'] }), taxonomy)).toEqual({
        kind: 'capability',
        capability: '26.12',
      });
    });

    it('never filters on an optional requirement', () => {
      const task = aTask({ requirements: [optional('26.12')] });
      expect(hardFilter(task, aResident({ capabilities: [] }), taxonomy)).toBeNull();
    });
  });

  describe('certification', () => {
    it('holds a certification spelled with other case and spacing', () => {
      const task = aTask({ certifications: ['ISO 9001'] });
      expect(hardFilter(task, aResident({ certifications: ['  iso   9001 '] }), taxonomy)).toBeNull();
      expect(hardFilter(task, aResident({ certifications: ['ISO\u00a09001'] }), taxonomy)).toBeNull();
    });

    it('names the first missing certification as the task spells it', () => {
      const task = aTask({ certifications: ['ISO 9001', 'ISO 14001', 'AS9100'] });
      expect(hardFilter(task, aResident({ certifications: ['iso 9001'] }), taxonomy)).toEqual({
        kind: 'certification',
        certification: 'ISO 14001',
      });
    });

    it('does not take a near miss for a match', () => {
      const task = aTask({ certifications: ['ISO 9001'] });
      expect(hardFilter(task, aResident({ certifications: ['ISO 90001', 'ISO9001'] }), taxonomy)).toEqual({
        kind: 'certification',
        certification: 'ISO 9001',
      });
    });

    it('ignores blank certifications on the task', () => {
      expect(hardFilter(aTask({ certifications: ['  '] }), aResident(), taxonomy)).toBeNull();
    });
  });

  describe('distance', () => {
    const minskToMoscowKm = greatCircleKm(CENTRES['BY-HM'], CENTRES['RU-MOW']); // ≈ 675.76

    it('keeps a resident within maxDistanceKm', () => {
      expect(hardFilter(aTask({ maxDistanceKm: 700 }), inRegion('RU-MOW'), taxonomy)).toBeNull();
    });

    it('excludes a resident beyond maxDistanceKm', () => {
      expect(hardFilter(aTask({ maxDistanceKm: 600 }), inRegion('RU-MOW'), taxonomy)).toEqual({ kind: 'distance' });
    });

    it('keeps a resident exactly at maxDistanceKm', () => {
      expect(hardFilter(aTask({ maxDistanceKm: minskToMoscowKm }), inRegion('RU-MOW'), taxonomy)).toBeNull();
    });

    it('compares the unrounded distance, not the 675.8 km shown in the breakdown', () => {
      expect(hardFilter(aTask({ maxDistanceKm: 675.757 }), inRegion('RU-MOW'), taxonomy)).toBeNull();
      expect(hardFilter(aTask({ maxDistanceKm: 675.756 }), inRegion('RU-MOW'), taxonomy)).toEqual({ kind: 'distance' });
    });

    it('counts the same region as distance 0 whatever its centre', () => {
      const farCentre = aResident({ centre: CENTRES['RU-SVE'] });
      expect(hardFilter(aTask({ maxDistanceKm: 0 }), farCentre, taxonomy)).toBeNull();
    });

    it('does not filter on distance when maxDistanceKm is null', () => {
      expect(hardFilter(aTask({ maxDistanceKm: null }), inRegion('RU-SVE'), taxonomy)).toBeNull();
    });
  });

  describe('order of reasons', () => {
    const strictTask = aTask({
      requirements: [required('25.62')],
      certifications: ['ISO 9001'],
      maxDistanceKm: 100,
      countries: ['BY'],
    });

    it('reports country before anything else', () => {
      expect(hardFilter(strictTask, inRegion('RU-SVE', { capabilities: [] }), taxonomy)).toEqual({ kind: 'country' });
    });

    it('reports capability before certification and distance', () => {
      const resident = aResident({ capabilities: [], centre: CENTRES['RU-SVE'], regionCode: 'BY-XX' });
      expect(hardFilter(strictTask, resident, taxonomy)).toEqual({ kind: 'capability', capability: '25.62' });
    });

    it('reports certification before distance', () => {
      const resident = inRegion('BY-HR');
      expect(hardFilter(strictTask, resident, taxonomy)).toEqual({ kind: 'certification', certification: 'ISO 9001' });
      expect(hardFilter(strictTask, { ...resident, certifications: ['ISO 9001'] }, taxonomy)).toEqual({
        kind: 'distance',
      });
    });
  });

  it('rejects a task without requirements', () => {
    expect(() => hardFilter(aTask({ requirements: [] }), aResident(), taxonomy)).toThrow(RangeError);
  });
});
