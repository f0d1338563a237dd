import { CAPABILITIES, COUNTRY_CODES, CountryCode, REGION_CODES, REGIONS, regionsOf } from '@app/reference-data';

const SECTION = /^[A-U]$/;
const DIVISION = /^\d{2}$/;
const GROUP = /^\d{2}\.\d$/;
const CLASS = /^\d{2}\.\d{2}$/;
const LEAF = /^\d{2}\.\d{2}\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** NACE Rev.2 sections by their first and last division, for the sections the taxonomy uses. */
const SECTION_DIVISIONS: Record<string, readonly [number, number]> = { C: [10, 33], J: [58, 63], M: [69, 75] };

function duplicatesOf(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('reference data', () => {
  describe('capabilities', () => {
    const codes = CAPABILITIES.map((capability) => capability.code);
    const leaves = CAPABILITIES.filter((capability) => LEAF.test(capability.code));

    it('has unique codes', () => {
      expect(duplicatesOf(codes)).toEqual([]);
    });

    it('lists every parent before its children', () => {
      const seen = new Set<string>();
      const orphans: string[] = [];
      for (const capability of CAPABILITIES) {
        if (capability.parentCode !== null && !seen.has(capability.parentCode)) {
          orphans.push(capability.code);
        }
        seen.add(capability.code);
      }
      expect(orphans).toEqual([]);
    });

    it.each(CAPABILITIES.map((capability) => [capability.code, capability] as const))(
      '%s follows the NACE / OKVED2 code scheme',
      (code, { parentCode }) => {
        if (SECTION.test(code)) {
          expect(parentCode).toBeNull();
        } else if (DIVISION.test(code)) {
          expect(parentCode).toMatch(SECTION);
          const [first, last] = SECTION_DIVISIONS[parentCode!] ?? [NaN, NaN];
          expect(Number(code)).toBeGreaterThanOrEqual(first);
          expect(Number(code)).toBeLessThanOrEqual(last);
        } else if (GROUP.test(code)) {
          expect(parentCode).toBe(code.slice(0, 2));
        } else if (CLASS.test(code)) {
          expect(parentCode).toBe(code.slice(0, 4));
        } else {
          expect(code).toMatch(LEAF);
          expect(parentCode).toBe(code.slice(0, 5));
        }
      },
    );

    it('gives every section, division and group a child and every class a leaf', () => {
      const parents = new Set(CAPABILITIES.map((capability) => capability.parentCode));
      const childless = CAPABILITIES.filter(
        (capability) => !LEAF.test(capability.code) && !parents.has(capability.code),
      ).map((capability) => capability.code);
      expect(childless).toEqual([]);
    });

    it('is large enough for sibling and cousin relationships to exist', () => {
      expect(CAPABILITIES.length).toBeGreaterThanOrEqual(150);
      expect(leaves.length).toBeGreaterThanOrEqual(100);
      const leavesPerClass = new Map<string, number>();
      for (const leaf of leaves) {
        leavesPerClass.set(leaf.parentCode!, (leavesPerClass.get(leaf.parentCode!) ?? 0) + 1);
      }
      expect([...leavesPerClass.values()].filter((count) => count >= 3).length).toBeGreaterThanOrEqual(10);
    });

    it('labels every node in both languages and gives every leaf 1-4 distinct aliases', () => {
      for (const { code, labelRu, labelEn, aliases } of CAPABILITIES) {
        expect({ code, ru: labelRu.trim().length > 0, en: labelEn.trim().length > 0 }).toEqual({
          code,
          ru: true,
          en: true,
        });
        expect(aliases.every((alias) => alias.trim().length > 0)).toBe(true);
        expect(duplicatesOf(aliases)).toEqual([]);
      }
      for (const { code, aliases } of leaves) {
        expect({ code, count: Math.min(Math.max(aliases.length, 1), 4) }).toEqual({ code, count: aliases.length });
      }
    });

    it('gives leaves distinct labels', () => {
      expect(duplicatesOf(leaves.map((leaf) => leaf.labelRu))).toEqual([]);
      expect(duplicatesOf(leaves.map((leaf) => leaf.labelEn))).toEqual([]);
    });
  });

  describe('regions', () => {
    // BY: 6 oblasts + Minsk. RU: 83 subjects listed by ISO 3166-2:RU + 6 it does not list. KZ: 17 regions (incl. the
    // 2022 Abai, Zhetysu, Ulytau) + Astana, Almaty, Shymkent. KG: 7 regions + Bishkek, Osh. UZ: 12 regions +
    // Karakalpakstan + Tashkent.
    const expectedCounts: Record<CountryCode, number> = { BY: 7, RU: 89, KZ: 20, KG: 9, UZ: 14 };
    const boundingBoxes: Record<CountryCode, { lat: [number, number]; lon: [number, number] }> = {
      BY: { lat: [51, 56.5], lon: [23, 33] },
      RU: { lat: [41, 70], lon: [19, 180] },
      KZ: { lat: [40, 56], lon: [46, 88] },
      KG: { lat: [39, 43.5], lon: [69, 81] },
      UZ: { lat: [37, 46], lon: [55, 74] },
    };

    it.each(COUNTRY_CODES)('%s has the expected number of regions', (country) => {
      expect(regionsOf(country)).toHaveLength(expectedCounts[country]);
    });

    it('has exactly the six Russian subjects missing from ISO 3166-2 unlisted', () => {
      const unlisted = REGIONS.filter((region) => !region.isoListed).map((region) => region.code);
      expect(unlisted.sort()).toEqual(['RU-CR', 'RU-DON', 'RU-KHE', 'RU-LUG', 'RU-SEV', 'RU-ZAP']);
    });

    it('has unique, well-formed codes prefixed with their country', () => {
      expect(duplicatesOf(REGION_CODES)).toEqual([]);
      for (const { code, country } of REGIONS) {
        expect(code).toMatch(/^(BY|RU|KZ|KG|UZ)-[A-Z0-9]{1,3}$/);
        expect(code.slice(0, 2)).toBe(country);
      }
    });

    it.each(REGIONS.map((region) => [region.code, region] as const))(
      '%s has its centre inside its country',
      (_code, { country, lat, lon }) => {
        const box = boundingBoxes[country];
        expect(lat).toBeGreaterThanOrEqual(box.lat[0]);
        expect(lat).toBeLessThanOrEqual(box.lat[1]);
        expect(lon).toBeGreaterThanOrEqual(box.lon[0]);
        expect(lon).toBeLessThanOrEqual(box.lon[1]);
        expect(Math.round(lat * 1e4) / 1e4).toBe(lat);
        expect(Math.round(lon * 1e4) / 1e4).toBe(lon);
      },
    );

    it('names every region and centre in both languages', () => {
      for (const { code, nameRu, nameEn, centreRu, centreEn } of REGIONS) {
        const blank = [nameRu, nameEn, centreRu, centreEn].filter((name) => name.trim().length === 0);
        expect({ code, blank }).toEqual({ code, blank: [] });
      }
    });

    it.each(COUNTRY_CODES)('%s has no two regions with the same name', (country) => {
      const regions = regionsOf(country);
      expect(duplicatesOf(regions.map((region) => region.nameRu))).toEqual([]);
      expect(duplicatesOf(regions.map((region) => region.nameEn))).toEqual([]);
    });
  });
});
