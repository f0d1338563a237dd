import { makeValidBin, makeValidInn10, makeValidUnp } from '@app/domain';

/**
 * The demo cluster: plain, deterministic data shaped like the one INNOPROM. Belarus 2025 (Minsk)
 * gathered — Minsk Technopark with 77 residents, 190+ Belarusian residents, 290+ Russian ones from
 * 23 regions, 30+ from Kazakhstan, Kyrgyzstan and Uzbekistan. Technopark names echo real regions;
 * firm names, legal ids and emails are generated (emails on the reserved `.example` TLD, RFC 2606).
 */

export interface DemoTechnopark {
  key: string;
  name: string;
  regionCode: string;
  reviewMatches: boolean;
}

export type DemoCountry = 'BY' | 'RU' | 'KZ' | 'KG' | 'UZ';

export interface DemoResident {
  technoparkKey: string;
  name: string;
  country: DemoCountry;
  regionCode: string;
  legalId: string;
  headcount: number;
  capabilities: string[];
  certifications: string[];
  emails: string[];
  language: 'ru' | 'en';
  notificationMode: 'instant' | 'daily' | 'off';
}

export interface DemoCluster {
  technoparks: DemoTechnopark[];
  residents: DemoResident[];
}

export interface DemoInput {
  /** Leaves of the capability taxonomy; `parentCode` is their NACE class (`25.62`). */
  leafCapabilities: { code: string; parentCode: string }[];
  seed?: number;
}

/** 29 September 2025, the opening day of INNOPROM. Belarus. */
export const DEFAULT_DEMO_SEED = 20250929;

export const DEMO_CERTIFICATIONS = [
  'ISO 9001',
  'ISO 13485',
  'ISO 14001',
  'IATF 16949',
  'AS9100',
  'GOST R ISO 9001',
  'ISO/IEC 27001',
] as const;

interface ParkPlan extends DemoTechnopark {
  country: DemoCountry;
  residents: number;
}

/** Resident counts are fixed so that every seed keeps the fair's proportions (191 BY, 291 RU, 31 KZ/KG/UZ). */
const PARKS: readonly ParkPlan[] = [
  park('BY', 'minsk-technopark', 'Minsk Technopark', 'BY-HM', 77, false),
  park('BY', 'bntu-polytechnic', "BNTU Science and Technology Park 'Polytechnic'", 'BY-HM', 11, false),
  park('BY', 'technopark-gomel', 'Technopark Gomel', 'BY-HO', 22, true),
  park('BY', 'brest-stp', 'Brest Science and Technology Park', 'BY-BR', 19, false),
  park('BY', 'grodno-stp', 'Grodno Science and Technology Park', 'BY-HR', 17, false),
  park('BY', 'polotsk-technopark', 'Polotsk Technopark', 'BY-VI', 16, false),
  park('BY', 'mogilev-technopark', 'Mogilev Technopark', 'BY-MA', 15, true),
  park('BY', 'minsk-region-technopark', 'Minsk Region Technopark (Borisov)', 'BY-MI', 14, false),
  park('RU', 'kvant-stolitsa', "Technopark 'Kvant-Stolitsa'", 'RU-MOW', 38, false),
  park('RU', 'neva-optics', "Technopark 'Neva Optics'", 'RU-SPE', 26, true),
  park('RU', 'podmoskovye-pribor', "Technopark 'Podmoskovye Pribor'", 'RU-MOS', 20, false),
  park('RU', 'kama-composite', "Technopark 'Kama Composite'", 'RU-TA', 20, true),
  park('RU', 'ural-forge', "Technopark 'Ural Forge'", 'RU-SVE', 18, true),
  park('RU', 'ob-silicon', "Technopark 'Ob Silicon'", 'RU-NVS', 15, true),
  park('RU', 'agidel-systems', "Technopark 'Agidel Systems'", 'RU-BA', 14, false),
  park('RU', 'oka-volga-instruments', "Technopark 'Oka-Volga Instruments'", 'RU-NIZ', 14, false),
  park('RU', 'zhiguli-aero', "Technopark 'Zhiguli Aero'", 'RU-SAM', 12, true),
  park('RU', 'tom-river-labs', "Technopark 'Tom River Labs'", 'RU-TOM', 12, false),
  park('RU', 'prikamye-motor', "Technopark 'Prikamye Motor'", 'RU-PER', 11, false),
  park('RU', 'ilmen-metal', "Technopark 'Ilmen Metal'", 'RU-CHE', 11, false),
  park('RU', 'ladoga-tech', "Technopark 'Ladoga Tech'", 'RU-LEN', 9, false),
  park('RU', 'ugra-space', "Technopark 'Ugra Space'", 'RU-KLU', 9, false),
  park('RU', 'izh-precision', "Technopark 'Izh Precision'", 'RU-UD', 8, false),
  park('RU', 'volga-bend', "Technopark 'Volga Bend'", 'RU-YAR', 8, false),
  park('RU', 'upa-mechanics', "Technopark 'Upa Mechanics'", 'RU-TUL', 8, false),
  park('RU', 'chernozem-electronics', "Technopark 'Chernozem Electronics'", 'RU-VOR', 8, true),
  park('RU', 'azov-drive', "Technopark 'Azov Drive'", 'RU-ROS', 8, false),
  park('RU', 'amber-coast', "Technopark 'Amber Coast'", 'RU-KGD', 7, true),
  park('RU', 'kuban-agrotech', "Technopark 'Kuban Agrotech'", 'RU-KDA', 7, true),
  park('RU', 'seym-devices', "Technopark 'Seym Devices'", 'RU-KRS', 4, false),
  park('RU', 'dnieper-source', "Technopark 'Dnieper Source'", 'RU-SMO', 4, false),
  park('KZ', 'esil-innovations', "Technopark 'Esil Innovations'", 'KZ-71', 9, true),
  park('KZ', 'medeu-devices', "Technopark 'Medeu Devices'", 'KZ-75', 8, false),
  park('KZ', 'saryarka-metal', "Technopark 'Saryarka Metal'", 'KZ-35', 4, false),
  park('KG', 'chuy-valley', "Technopark 'Chuy Valley'", 'KG-GB', 5, false),
  park('UZ', 'chorsu-digital', "Technopark 'Chorsu Digital'", 'UZ-TK', 5, true),
];

function park(
  country: DemoCountry,
  key: string,
  name: string,
  regionCode: string,
  residents: number,
  reviewMatches: boolean,
): ParkPlan {
  return { country, key, name, regionCode, residents, reviewMatches };
}

/** Builds the demo cluster from the taxonomy's leaves; the same input always gives the same cluster. */
export function buildDemoCluster(input: DemoInput): DemoCluster {
  const rng = new Random(input.seed ?? DEFAULT_DEMO_SEED);
  const catalogue = new CapabilityCatalogue(input.leafCapabilities);
  const used = { names: new Set<string>(), slugs: new Set<string>(), legalIds: new Set<string>() };

  const technoparks = PARKS.map(({ key, name, regionCode, reviewMatches }) => ({
    key,
    name,
    regionCode,
    reviewMatches,
  }));
  const residents: DemoResident[] = [];
  for (const plan of PARKS) {
    for (let index = 0; index < plan.residents; index++) {
      residents.push(buildResident(plan, catalogue, rng, used));
    }
  }
  return { technoparks, residents };
}

interface UsedValues {
  names: Set<string>;
  slugs: Set<string>;
  legalIds: Set<string>;
}

function buildResident(plan: ParkPlan, catalogue: CapabilityCatalogue, rng: Random, used: UsedValues): DemoResident {
  const profile = catalogue.profile(rng);
  const headcount = drawHeadcount(rng);
  const firm = uniqueFirmName(plan.country, profile.theme, rng, used);
  const partnerCountry = plan.country === 'KZ' || plan.country === 'KG' || plan.country === 'UZ';
  return {
    technoparkKey: plan.key,
    name: firm.name,
    country: plan.country,
    regionCode: plan.regionCode,
    legalId: uniqueLegalId(plan, rng, used),
    headcount,
    capabilities: profile.capabilities,
    certifications: drawCertifications(plan.country, profile, headcount, rng),
    emails: drawEmails(firm.slug, rng),
    language: rng.chance(partnerCountry ? 0.3 : 0.05) ? 'en' : 'ru',
    notificationMode: rng.weighted([
      ['instant', 85],
      ['daily', 11],
      ['off', 4],
    ]),
  };
}

/** Log-normal around a median of 25 people, clamped to 5..250: most residents are small firms. */
function drawHeadcount(rng: Random): number {
  return Math.min(250, Math.max(5, Math.round(25 * Math.exp(0.85 * rng.normal()))));
}

// --- capabilities -------------------------------------------------------------------------------

type Theme = 'metal' | 'electronics' | 'optics' | 'software' | 'plastics' | 'medical' | 'engineering' | 'general';

interface Profile {
  capabilities: string[];
  theme: Theme;
  division: string;
  medical: boolean;
}

interface Leaf {
  code: string;
  classCode: string;
  division: string;
  weight: number;
}

/**
 * How often each NACE class is a resident's line of work (relative shares). Unlisted classes fall back
 * to their division's weight, then to 0.5: machining, sheet metal, PCB/SMT and software dominate;
 * medical devices and aerospace are rare. A class's share does not grow with the number of leaves
 * the taxonomy happens to list under it.
 */
const CLASS_WEIGHTS: Readonly<Record<string, number>> = {
  '25.62': 14,
  '25.50': 5,
  '25.99': 4,
  '25.11': 4,
  '25.61': 3,
  '25.73': 2,
  '26.12': 10,
  '26.11': 3,
  '26.51': 3,
  '26.20': 1.5,
  '26.30': 1.5,
  '26.70': 1.5,
  '26.60': 0.6,
  '27.12': 2,
  '27.90': 2,
  '28.99': 2.5,
  '28.41': 1.5,
  '29.32': 1.5,
  '33.12': 1.5,
  '62.01': 12,
  '62.02': 3,
  '62.09': 1.5,
  '71.12': 5,
  '71.20': 2.5,
  '72.19': 2,
  '22.29': 4,
  '22.21': 1.5,
  '30.30': 0.6,
  '32.50': 0.6,
  '21.20': 0.4,
  '21.10': 0.4,
};

const DIVISION_WEIGHTS: Readonly<Record<string, number>> = {
  '25': 1,
  '26': 1,
  '62': 1,
  '71': 0.8,
  '27': 0.8,
  '28': 0.8,
};
const OTHER_CLASS_WEIGHT = 0.5;

/**
 * Everyday competencies come first within their class (by leaf slug, the part after the class code);
 * the rest follow in code order. The k-th leaf of a class is then about k^-1.2 as common as the first.
 */
const EVERYDAY_LEAVES: readonly string[] = [
  'cnc-milling-3axis',
  'cnc-turning',
  'laser-cutting',
  'mig-mag-welding',
  'cnc-milling-5axis',
  'sheet-metal-bending',
  'sheet-metal-stamping',
  'sheet-metal-enclosures',
  'welded-frames',
  'powder-coating',
  'smt-assembly',
  'tht-assembly',
  'box-build',
  'pcb-fabrication',
  'embedded-firmware',
  'embedded-software',
  'web-applications',
  'web-backend',
  'mobile-applications',
  'plc-programming',
  'mechanical-design',
  'pcb-design',
  'electronics-design',
  'injection-moulding',
  'fdm-printing',
  'control-cabinets',
  'wire-harnesses',
];
const EVERYDAY_WORDS = /cnc|smt|sheet-metal|laser-cut|weld|web|embedded|injection/;

const MEDICAL_CLASSES = new Set(['21.10', '21.20', '26.60', '32.50']);
const MEDICAL_WORDS = /medic|surgic|dental|implant|orthop|prosthe|diagnost/;

const THEME_BY_DIVISION: Readonly<Record<string, Theme>> = {
  '24': 'metal',
  '25': 'metal',
  '28': 'metal',
  '29': 'metal',
  '33': 'metal',
  '26': 'electronics',
  '27': 'electronics',
  '62': 'software',
  '63': 'software',
  '22': 'plastics',
  '20': 'plastics',
  '21': 'medical',
  '32': 'medical',
  '71': 'engineering',
  '72': 'engineering',
  '30': 'engineering',
};

function everydayRank(code: string): number {
  const slug = code.slice(code.lastIndexOf('.') + 1);
  const listed = EVERYDAY_LEAVES.indexOf(slug);
  if (listed >= 0) {
    return listed;
  }
  return EVERYDAY_WORDS.test(slug) ? EVERYDAY_LEAVES.length : EVERYDAY_LEAVES.length + 1;
}

/** Code-point order, the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class CapabilityCatalogue {
  private readonly leaves: Leaf[];
  private readonly byDivision = new Map<string, Leaf[]>();

  constructor(input: DemoInput['leafCapabilities']) {
    if (input.length < 2) {
      throw new RangeError('The demo cluster needs at least 2 leaf capabilities');
    }
    const unique = [...new Map(input.map((leaf) => [leaf.code, leaf])).values()];
    const byClass = new Map<string, string[]>();
    for (const { code, parentCode } of unique) {
      byClass.set(parentCode, [...(byClass.get(parentCode) ?? []), code]);
    }
    this.leaves = [...byClass.keys()].sort(compareText).flatMap((classCode) => {
      const codes = byClass.get(classCode) ?? [];
      const ordered = codes.sort((a, b) => everydayRank(a) - everydayRank(b) || compareText(a, b));
      const zipf = ordered.map((_, rank) => Math.pow(rank + 1, -1.2));
      const zipfTotal = zipf.reduce((sum, value) => sum + value, 0);
      const division = classCode.split('.')[0];
      const classWeight = CLASS_WEIGHTS[classCode] ?? DIVISION_WEIGHTS[division] ?? OTHER_CLASS_WEIGHT;
      return ordered.map((code, rank) => ({
        code,
        classCode,
        division,
        weight: (classWeight * zipf[rank]) / zipfTotal,
      }));
    });
    for (const leaf of this.leaves) {
      const group = this.byDivision.get(leaf.division) ?? [];
      group.push(leaf);
      this.byDivision.set(leaf.division, group);
    }
  }

  /**
   * A coherent profile: a main leaf, then mostly leaves of the same division. About one resident
   * in eight declares a whole class instead of its leaves, so that partial-credit matches exist.
   */
  profile(rng: Random): Profile {
    const target = Math.min(
      this.leaves.length,
      rng.weighted<number>([
        [2, 15],
        [3, 25],
        [4, 25],
        [5, 17],
        [6, 10],
        [7, 8],
      ]),
    );
    const main = rng.weightedBy(this.leaves, (leaf) => leaf.weight);
    const division = this.byDivision.get(main.division) ?? [];
    const chosen = new Set<Leaf>([main]);
    while (chosen.size < target) {
      const sameDivision = division.filter((leaf) => !chosen.has(leaf));
      const pool =
        sameDivision.length > 0 && rng.chance(0.75) ? sameDivision : this.leaves.filter((l) => !chosen.has(l));
      chosen.add(rng.weightedBy(pool, (leaf) => leaf.weight));
    }

    let capabilities = [...chosen].map((leaf) => leaf.code);
    if (rng.chance(0.125)) {
      const classCode = rng.pick([...chosen]).classCode;
      capabilities = [
        classCode,
        ...[...chosen].filter((leaf) => leaf.classCode !== classCode).map((leaf) => leaf.code),
      ];
      if (capabilities.length < 2) {
        const other = this.leaves.filter((leaf) => leaf.classCode !== classCode);
        if (other.length > 0) {
          capabilities.push(rng.weightedBy(other, (leaf) => leaf.weight).code);
        }
      }
    }

    const medical = [...chosen].some((leaf) => MEDICAL_CLASSES.has(leaf.classCode) || MEDICAL_WORDS.test(leaf.code));
    const theme = medical ? 'medical' : (THEME_BY_DIVISION[main.division] ?? 'general');
    return { capabilities: capabilities.sort(), theme, division: main.division, medical };
  }
}

// --- certifications -----------------------------------------------------------------------------

const MANUFACTURING_DIVISIONS = new Set(['20', '22', '24', '25', '26', '27', '28', '29', '30', '32', '33']);
const AUTOMOTIVE_DIVISIONS = new Set(['22', '25', '27', '28', '29']);
const AEROSPACE_DIVISIONS = new Set(['25', '26', '30']);
const SOFTWARE_DIVISIONS = new Set(['62', '63']);

function drawCertifications(country: DemoCountry, profile: Profile, headcount: number, rng: Random): string[] {
  // Larger firms hold more certificates; a 5-person workshop rarely pays for an audit.
  const size = headcount < 15 ? 0.6 : headcount < 60 ? 1 : 1.3;
  const held: string[] = [];
  const add = (certification: (typeof DEMO_CERTIFICATIONS)[number], probability: number) => {
    if (rng.chance(Math.min(0.95, probability * size))) {
      held.push(certification);
    }
  };
  const manufacturing = MANUFACTURING_DIVISIONS.has(profile.division);
  add('ISO 9001', country === 'RU' ? 0.48 : 0.56);
  if (country === 'RU') {
    add('GOST R ISO 9001', 0.25);
  }
  add('ISO 14001', manufacturing ? 0.12 : 0.04);
  if (profile.medical) {
    add('ISO 13485', 0.6);
  }
  if (AUTOMOTIVE_DIVISIONS.has(profile.division)) {
    add('IATF 16949', 0.08);
  }
  if (AEROSPACE_DIVISIONS.has(profile.division)) {
    add('AS9100', profile.division === '30' ? 0.35 : 0.04);
  }
  add('ISO/IEC 27001', SOFTWARE_DIVISIONS.has(profile.division) ? 0.2 : 0.01);
  return held;
}

// --- firm names and emails ----------------------------------------------------------------------

const THEMED_ROOTS: Readonly<Record<Theme, readonly string[]>> = {
  metal: ['Сплав', 'Станко', 'Фреза', 'Штамп', 'Прокат', 'Кузня', 'Резец', 'Титан', 'Металл', 'Профиль', 'Литмаш'],
  electronics: ['Микро', 'Квант', 'Электрон', 'Сигнал', 'Импульс', 'Диод', 'Плата', 'Схема', 'Контакт', 'Спектр'],
  optics: ['Оптика', 'Линза', 'Фотон', 'Лазер', 'Призма'],
  software: ['Софт', 'Дата', 'Код', 'Алгоритм', 'Логика', 'Цифра', 'Облако', 'Байт', 'Синтакс'],
  plastics: ['Пласт', 'Полимер', 'Композит', 'Гранула', 'Формопласт'],
  medical: ['Медика', 'Биотех', 'Вита', 'Дента', 'Орто', 'Скальпель'],
  engineering: ['Проект', 'Конструкт', 'Расчёт', 'Модуль', 'Чертёж', 'Инжест'],
  general: ['Вектор', 'Меридиан', 'Орбита', 'Эталон', 'Атлант', 'Кварц', 'Ритм', 'Грань', 'Вертикаль', 'Горизонт'],
};
const GENERIC_ROOTS = ['Тех', 'Пром', 'Робо', 'Вектор', 'Кварц', 'Гранит', 'Север', 'Восток', 'Ось', 'Узел', 'Точка'];
const FUSED_SUFFIXES = ['тех', 'лаб', 'трон', 'систем', 'тек', 'ника'];
const ADJECTIVES = ['Полимерный', 'Северный', 'Точный', 'Цифровой', 'Инженерный', 'Прецизионный', 'Новый', 'Западный'];
const NOUNS = ['Ряд', 'Сплав', 'Контур', 'Модуль', 'Привод', 'Узел', 'Стандарт', 'Профиль', 'Элемент', 'Вектор'];
const LETTERS = ['М', 'Т', 'С', 'Р', 'К'];
const CENTRAL_ASIAN_ROOTS: Readonly<Record<'KZ' | 'KG', readonly string[]>> = {
  KZ: ['Сапа', 'Даму', 'Жулдыз', 'Алтын', 'Кен', 'Дала'],
  KG: ['Ала-Тоо', 'Тенир', 'Нарын', 'Ысык', 'Чолпон'],
};
const UZBEK_ROOTS = ['Texno', 'Sanoat', 'Muhandis', 'Yulduz', 'Kelajak', 'Raqam', 'Ilm', 'Bunyod', 'Zamin', 'Nur'];
const UZBEK_PARTS = ['Mikro', 'Soft', 'Metall', 'Plast', 'Optik', 'Energiya', 'Servis', 'Tizim', 'Loyiha'];
const LEGAL_FORMS: Readonly<Record<Exclude<DemoCountry, 'UZ'>, readonly [string, number][]>> = {
  BY: [
    ['ООО', 55],
    ['ЗАО', 10],
    ['ОАО', 5],
    ['ЧУП', 15],
    ['ЧПУП', 8],
    ['ИООО', 7],
  ],
  RU: [
    ['ООО', 80],
    ['АО', 14],
    ['ЗАО', 3],
    ['ПАО', 1],
  ],
  KZ: [
    ['ТОО', 85],
    ['АО', 15],
  ],
  KG: [
    ['ОсОО', 85],
    ['ЗАО', 15],
  ],
};

interface FirmName {
  name: string;
  slug: string;
}

function uniqueFirmName(country: DemoCountry, theme: Theme, rng: Random, used: UsedValues): FirmName {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const firm = country === 'UZ' ? uzbekFirmName(rng) : cyrillicFirmName(country, theme, rng);
    if (!used.names.has(firm.name) && !used.slugs.has(firm.slug)) {
      used.names.add(firm.name);
      used.slugs.add(firm.slug);
      return firm;
    }
  }
  throw new Error(`Ran out of distinct firm names for ${country}`);
}

function cyrillicFirmName(country: Exclude<DemoCountry, 'UZ'>, theme: Theme, rng: Random): FirmName {
  const themed = [...THEMED_ROOTS[theme], ...(theme === 'electronics' ? THEMED_ROOTS.optics : [])];
  const local = country === 'KZ' || country === 'KG' ? CENTRAL_ASIAN_ROOTS[country] : [];
  const first = rng.chance(0.7) ? rng.pick(themed) : rng.pick([...THEMED_ROOTS.general, ...local]);
  let brand: string;
  switch (
    rng.weighted<'pair' | 'fused' | 'phrase' | 'lettered'>([
      ['pair', 45],
      ['fused', 25],
      ['phrase', 20],
      ['lettered', 10],
    ])
  ) {
    case 'pair': {
      const second = rng.pick([...GENERIC_ROOTS, ...themed, ...local].filter((root) => root !== first));
      brand = `${first}-${second}`;
      break;
    }
    case 'fused': {
      const suffix = rng.pick(FUSED_SUFFIXES);
      brand = first.includes('-') ? `${first}-${capitalize(suffix)}` : first + suffix;
      break;
    }
    case 'phrase':
      brand = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
      break;
    case 'lettered':
      brand = `${first}-${rng.pick(LETTERS)}`;
      break;
  }
  const researchFirm = theme !== 'software' && rng.chance(0.1) ? 'НПП ' : '';
  const form = rng.weighted(LEGAL_FORMS[country]);
  return { name: `${form} «${researchFirm}${brand}»`, slug: slugify(transliterate(brand)) };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function uzbekFirmName(rng: Random): FirmName {
  const brand = `${rng.pick(UZBEK_ROOTS)} ${rng.pick(UZBEK_PARTS)}`;
  return { name: `«${brand}» MChJ`, slug: slugify(brand) };
}

function drawEmails(slug: string, rng: Random): string[] {
  const domain = `${slug}.example`;
  const emails = [`${rng.pick(['info', 'office', 'mail'])}@${domain}`];
  if (rng.chance(0.35)) {
    emails.push(`${rng.pick(['sales', 'tender', 'zakaz'])}@${domain}`);
  }
  if (rng.chance(0.1)) {
    emails.push(`${rng.pick(['engineering', 'chief.engineer', 'director'])}@${domain}`);
  }
  return emails;
}

const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const LATIN = 'a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya'.split(' ');

function transliterate(text: string): string {
  return [...text.toLowerCase()]
    .map((char) => (CYRILLIC.includes(char) ? LATIN[CYRILLIC.indexOf(char)] : char))
    .join('');
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// --- legal ids ----------------------------------------------------------------------------------

/** First UNP digit by region of registration, as published UNPs show (1xx… Minsk, 4xx… Gomel). */
const UNP_REGION_DIGIT: Readonly<Record<string, string>> = {
  'BY-HM': '1',
  'BY-BR': '2',
  'BY-VI': '3',
  'BY-HO': '4',
  'BY-HR': '5',
  'BY-MI': '6',
  'BY-MA': '7',
};

/** An INN starts with the code of the region whose tax office issued it. */
const INN_REGION_PREFIX: Readonly<Record<string, string>> = {
  'RU-MOW': '77',
  'RU-SPE': '78',
  'RU-MOS': '50',
  'RU-LEN': '47',
  'RU-TA': '16',
  'RU-BA': '02',
  'RU-SVE': '66',
  'RU-CHE': '74',
  'RU-NIZ': '52',
  'RU-SAM': '63',
  'RU-NVS': '54',
  'RU-TOM': '70',
  'RU-PER': '59',
  'RU-UD': '18',
  'RU-KGD': '39',
  'RU-YAR': '76',
  'RU-KLU': '40',
  'RU-TUL': '71',
  'RU-VOR': '36',
  'RU-ROS': '61',
  'RU-KDA': '23',
  'RU-KRS': '46',
  'RU-SMO': '67',
};

function uniqueLegalId(plan: ParkPlan, rng: Random, used: UsedValues): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const legalId = drawLegalId(plan, rng);
    if (legalId !== null && !used.legalIds.has(legalId)) {
      used.legalIds.add(legalId);
      return legalId;
    }
  }
  throw new Error(`Ran out of distinct legal ids for ${plan.regionCode}`);
}

/** A legal id in its country's real format, or null when the drawn body has no check digit. */
function drawLegalId(plan: ParkPlan, rng: Random): string | null {
  switch (plan.country) {
    case 'BY': {
      const body = (UNP_REGION_DIGIT[plan.regionCode] ?? '1') + rng.pick(['9', '0']) + rng.digits(6);
      return orNull(() => makeValidUnp(body));
    }
    case 'RU': {
      const taxOffice = String(rng.int(1, 35)).padStart(2, '0');
      return makeValidInn10((INN_REGION_PREFIX[plan.regionCode] ?? '77') + taxOffice + rng.digits(5));
    }
    case 'KZ': {
      // YYMM of registration, 4 = resident legal entity, 0 = head office, 5-digit serial.
      const registered = String(rng.int(5, 24)).padStart(2, '0') + String(rng.int(1, 12)).padStart(2, '0');
      return orNull(() => makeValidBin(registered + '40' + rng.digits(5)));
    }
    case 'KG': {
      // 0 = legal entity, DDMMYYYY of registration, 5-digit serial.
      const day = String(rng.int(1, 28)).padStart(2, '0');
      const month = String(rng.int(1, 12)).padStart(2, '0');
      return `0${day}${month}${rng.int(2005, 2024)}${rng.digits(5)}`;
    }
    case 'UZ':
      return rng.pick(['2', '3']) + rng.digits(8);
  }
}

function orNull(build: () => string): string | null {
  try {
    return build();
  } catch {
    return null;
  }
}

// --- randomness ---------------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for demo data and reproducible across platforms. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index++) {
      text += String(this.int(0, 9));
    }
    return text;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('Cannot pick from an empty list');
    }
    return items[this.int(0, items.length - 1)];
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    return this.weightedBy(choices, ([, weight]) => weight)[0];
  }

  weightedBy<T>(items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    let remaining = this.next() * total;
    for (const item of items) {
      remaining -= weightOf(item);
      if (remaining < 0) {
        return item;
      }
    }
    return this.pick(items);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
