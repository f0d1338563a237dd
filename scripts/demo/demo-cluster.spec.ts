import { validateLegalId } from '@app/domain';
import { buildDemoCluster, DEMO_CERTIFICATIONS, DemoCluster, DemoResident } from './demo-cluster';

const LEAVES: { code: string; parentCode: string }[] = [
  ...leaves('25.62', ['cnc-milling-3axis', 'cnc-milling-5axis', 'cnc-turning', 'grinding', 'edm']),
  ...leaves('25.99', ['sheet-metal-bending', 'laser-cutting', 'punching']),
  ...leaves('25.11', ['welded-frames', 'steel-structures']),
  ...leaves('25.61', ['anodizing', 'galvanic-plating', 'powder-coating']),
  ...leaves('26.12', ['smt-assembly', 'tht-assembly', 'conformal-coating']),
  ...leaves('26.51', ['measuring-instruments', 'sensors']),
  ...leaves('22.29', ['injection-moulding', 'polymer-3d-printing']),
  ...leaves('62.01', ['embedded-software', 'web-backend', 'mobile-apps', 'scada-software']),
  ...leaves('71.12', ['mechanical-design', 'electronics-design']),
  ...leaves('32.50', ['surgical-instruments', 'dental-implants']),
  ...leaves('30.30', ['uav-airframes']),
];

function leaves(parentCode: string, names: string[]): { code: string; parentCode: string }[] {
  return names.map((name) => ({ code: `${parentCode}.${name}`, parentCode }));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return counts;
}

function share(residents: readonly DemoResident[], predicate: (resident: DemoResident) => boolean): number {
  return residents.filter(predicate).length / residents.length;
}

describe(buildDemoCluster.name, () => {
  let cluster: DemoCluster;
  let residents: DemoResident[];

  beforeAll(() => {
    cluster = buildDemoCluster({ leafCapabilities: LEAVES });
    residents = cluster.residents;
  });

  describe('shape of INNOPROM. Belarus 2025', () => {
    it('gives Minsk Technopark exactly 77 residents, in Minsk, contacted without review', () => {
      const minsk = cluster.technoparks.find((park) => park.name === 'Minsk Technopark');
      expect(minsk).toEqual({
        key: 'minsk-technopark',
        name: 'Minsk Technopark',
        regionCode: 'BY-HM',
        reviewMatches: false,
      });
      expect(residents.filter((resident) => resident.technoparkKey === minsk?.key)).toHaveLength(77);
    });

    it('has about 190 Belarusian residents spread over all six oblasts and Minsk', () => {
      const belarusian = residents.filter((resident) => resident.country === 'BY');
      expect(belarusian.length).toBeGreaterThanOrEqual(185);
      expect(belarusian.length).toBeLessThanOrEqual(195);
      expect(new Set(belarusian.map((resident) => resident.regionCode))).toEqual(
        new Set(['BY-HM', 'BY-BR', 'BY-VI', 'BY-HO', 'BY-HR', 'BY-MI', 'BY-MA']),
      );
    });

    it('has about 290 Russian residents from exactly 23 regions, one technopark each', () => {
      const russian = residents.filter((resident) => resident.country === 'RU');
      expect(russian.length).toBeGreaterThanOrEqual(285);
      expect(russian.length).toBeLessThanOrEqual(295);
      const regions = new Set(russian.map((resident) => resident.regionCode));
      expect(regions.size).toBe(23);
      const russianParks = cluster.technoparks.filter((park) => park.regionCode.startsWith('RU-'));
      expect(russianParks).toHaveLength(23);
      expect(new Set(russianParks.map((park) => park.regionCode))).toEqual(regions);
    });

    it('has about 30 residents from Kazakhstan, Kyrgyzstan and Uzbekistan in 3 to 5 technoparks', () => {
      const partners = residents.filter((resident) => ['KZ', 'KG', 'UZ'].includes(resident.country));
      expect(partners.length).toBeGreaterThanOrEqual(28);
      expect(partners.length).toBeLessThanOrEqual(32);
      expect(new Set(partners.map((resident) => resident.country))).toEqual(new Set(['KZ', 'KG', 'UZ']));
      const parks = new Set(partners.map((resident) => resident.technoparkKey));
      expect(parks.size).toBeGreaterThanOrEqual(3);
      expect(parks.size).toBeLessThanOrEqual(5);
    });

    it('asks coordinators to review matches in about a third of the technoparks', () => {
      const reviewed = cluster.technoparks.filter((park) => park.reviewMatches).length;
      expect(reviewed / cluster.technoparks.length).toBeGreaterThan(0.25);
      expect(reviewed / cluster.technoparks.length).toBeLessThan(0.4);
    });

    it('keeps technopark keys unique and every resident in a listed technopark of its region', () => {
      const parks = new Map(cluster.technoparks.map((park) => [park.key, park]));
      expect(parks.size).toBe(cluster.technoparks.length);
      for (const resident of residents) {
        expect(parks.get(resident.technoparkKey)?.regionCode).toBe(resident.regionCode);
        expect(resident.regionCode.startsWith(`${resident.country}-`)).toBe(true);
      }
    });
  });

  describe('residents', () => {
    it('carry legal ids that the domain accepts, unique across the cluster', () => {
      for (const resident of residents) {
        expect([resident.name, validateLegalId(resident.country, resident.legalId)]).toEqual([resident.name, null]);
      }
      expect(new Set(residents.map((resident) => resident.legalId)).size).toBe(residents.length);
    });

    it('use the 10-digit INN of a legal entity for Russian firms', () => {
      for (const resident of residents.filter((candidate) => candidate.country === 'RU')) {
        expect(resident.legalId).toMatch(/^\d{10}$/);
      }
    });

    it('have unique names in the legal-form style of their country', () => {
      expect(new Set(residents.map((resident) => resident.name)).size).toBe(residents.length);
      const style: Record<DemoResident['country'], RegExp> = {
        BY: /^(ООО|ЗАО|ОАО|ЧУП|ЧПУП|ИООО) «[^»]+»$/,
        RU: /^(ООО|АО|ЗАО|ПАО) «[^»]+»$/,
        KZ: /^(ТОО|АО) «[^»]+»$/,
        KG: /^(ОсОО|ЗАО) «[^»]+»$/,
        UZ: /^«[A-Za-z ]+» MChJ$/,
      };
      for (const resident of residents) {
        expect(resident.name).toMatch(style[resident.country]);
      }
    });

    it('have one to three emails on reserved .example domains, one domain per firm', () => {
      const domains = new Set<string>();
      for (const resident of residents) {
        expect(resident.emails.length).toBeGreaterThanOrEqual(1);
        expect(resident.emails.length).toBeLessThanOrEqual(3);
        for (const email of resident.emails) {
          expect(email).toMatch(/^[a-z.]+@[a-z0-9-]+\.example$/);
        }
        domains.add(resident.emails[0].split('@')[1]);
      }
      expect(domains.size).toBe(residents.length);
    });

    it('declare 2 to 7 capabilities taken from the taxonomy: leaves, or now and then a whole class', () => {
      const leafCodes = new Set(LEAVES.map((leaf) => leaf.code));
      const classCodes = new Set(LEAVES.map((leaf) => leaf.parentCode));
      for (const resident of residents) {
        expect(resident.capabilities.length).toBeGreaterThanOrEqual(2);
        expect(resident.capabilities.length).toBeLessThanOrEqual(7);
        expect(new Set(resident.capabilities).size).toBe(resident.capabilities.length);
        for (const code of resident.capabilities) {
          expect(leafCodes.has(code) || classCodes.has(code)).toBe(true);
        }
      }
      const declaringClass = share(residents, (resident) => resident.capabilities.some((code) => classCodes.has(code)));
      expect(declaringClass).toBeGreaterThan(0.05);
      expect(declaringClass).toBeLessThan(0.25);
    });

    it('never declare a class together with one of its own leaves', () => {
      for (const resident of residents) {
        for (const code of resident.capabilities) {
          expect(resident.capabilities.some((other) => other.startsWith(`${code}.`))).toBe(false);
        }
      }
    });

    it('make machining, SMT and software common and medical devices rare', () => {
      const holders = (code: string) => share(residents, (resident) => resident.capabilities.includes(code));
      expect(holders('25.62.cnc-milling-3axis')).toBeGreaterThan(0.15);
      expect(holders('26.12.smt-assembly')).toBeGreaterThan(0.08);
      expect(holders('62.01.embedded-software')).toBeGreaterThan(0.08);
      expect(holders('32.50.dental-implants')).toBeLessThan(0.05);
      expect(holders('32.50.dental-implants')).toBeLessThan(holders('25.62.cnc-milling-3axis') / 4);
    });

    it('keep profiles coherent: most capabilities share the division of another one', () => {
      const division = (code: string) => code.split('.')[0];
      const coherent = share(residents, (resident) => {
        const counts = countBy(resident.capabilities, division);
        return Math.max(...counts.values()) >= resident.capabilities.length / 2;
      });
      expect(coherent).toBeGreaterThan(0.8);
    });

    it('are mostly small firms: headcount 5 to 250 with a median near 25', () => {
      const headcounts = residents.map((resident) => resident.headcount).sort((a, b) => a - b);
      expect(headcounts[0]).toBeGreaterThanOrEqual(5);
      expect(headcounts[headcounts.length - 1]).toBeLessThanOrEqual(250);
      const median = headcounts[Math.floor(headcounts.length / 2)];
      expect(median).toBeGreaterThanOrEqual(20);
      expect(median).toBeLessThanOrEqual(30);
    });

    it('hold certifications from the known list, ISO 9001 about half of the time, ISO 13485 only for medical work', () => {
      for (const resident of residents) {
        for (const certification of resident.certifications) {
          expect(DEMO_CERTIFICATIONS).toContain(certification);
        }
        if (resident.certifications.includes('ISO 13485')) {
          expect(resident.capabilities.some((code) => code.startsWith('32.50'))).toBe(true);
        }
      }
      const iso9001 = share(residents, (resident) => resident.certifications.includes('ISO 9001'));
      expect(iso9001).toBeGreaterThan(0.35);
      expect(iso9001).toBeLessThan(0.6);
      const russianGost = residents.filter((resident) => resident.certifications.includes('GOST R ISO 9001'));
      expect(russianGost.length).toBeGreaterThan(0);
      expect(russianGost.every((resident) => resident.country === 'RU')).toBe(true);
    });

    it('mostly read Russian and want instant emails', () => {
      const partners = residents.filter((resident) => ['KZ', 'KG', 'UZ'].includes(resident.country));
      const cluster = residents.filter((resident) => ['BY', 'RU'].includes(resident.country));
      expect(share(partners, (resident) => resident.language === 'en')).toBeGreaterThan(0.1);
      expect(share(partners, (resident) => resident.language === 'en')).toBeLessThan(0.55);
      expect(share(cluster, (resident) => resident.language === 'en')).toBeLessThan(0.1);
      const modes = countBy(residents, (resident) => resident.notificationMode);
      expect((modes.get('instant') ?? 0) / residents.length).toBeGreaterThan(0.78);
      expect(modes.get('daily')).toBeGreaterThan(0);
      expect(modes.get('off')).toBeGreaterThan(0);
    });
  });

  describe('determinism', () => {
    it('gives the same cluster for the same seed', () => {
      expect(buildDemoCluster({ leafCapabilities: LEAVES, seed: 7 })).toEqual(
        buildDemoCluster({ leafCapabilities: LEAVES, seed: 7 }),
      );
    });

    it('does not depend on the order of the taxonomy leaves', () => {
      expect(buildDemoCluster({ leafCapabilities: [...LEAVES].reverse() })).toEqual(cluster);
    });

    it('gives a different cluster for a different seed', () => {
      const other = buildDemoCluster({ leafCapabilities: LEAVES, seed: 8 });
      expect(other.technoparks).toEqual(buildDemoCluster({ leafCapabilities: LEAVES, seed: 7 }).technoparks);
      expect(other.residents.map((resident) => resident.legalId)).not.toEqual(
        buildDemoCluster({ leafCapabilities: LEAVES, seed: 7 }).residents.map((resident) => resident.legalId),
      );
    });
  });

  it('refuses a taxonomy too small to build profiles from', () => {
    expect(() => buildDemoCluster({ leafCapabilities: LEAVES.slice(0, 1) })).toThrow(RangeError);
  });
});
