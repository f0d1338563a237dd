/**
 * A node of the capability taxonomy. Upper levels are NACE Rev.2 / OKVED2, which agree down to the class:
 * section `C` › division `25` › group `25.6` › class `25.62`. Leaves are concrete competencies under a class,
 * coded `<class>.<kebab-slug>` (`25.62.cnc-milling-5axis`). Matching gives credit along parent links only, never
 * between siblings or cousins, so a code's place in the tree is part of its meaning: moving one changes scores.
 */
export interface CapabilitySeed {
  code: string;
  parentCode: string | null;
  labelRu: string;
  labelEn: string;
  aliases: string[];
}

function node(
  code: string,
  parentCode: string | null,
  labelRu: string,
  labelEn: string,
  aliases: string[] = [],
): CapabilitySeed {
  return { code, parentCode, labelRu, labelEn, aliases };
}

const MANUFACTURING: readonly CapabilitySeed[] = [
  node('C', null, 'Обрабатывающие производства', 'Manufacturing', ['производство', 'manufacturing']),

  // 20 Chemicals
  node(
    '20',
    'C',
    'Производство химических веществ и химических продуктов',
    'Manufacture of chemicals and chemical products',
  ),
  node(
    '20.1',
    '20',
    'Производство основных химических веществ, удобрений, пластмасс и синтетического каучука в первичных формах',
    'Manufacture of basic chemicals, fertilisers, plastics and synthetic rubber in primary forms',
  ),
  node(
    '20.13',
    '20.1',
    'Производство прочих основных неорганических химических веществ',
    'Manufacture of other inorganic basic chemicals',
  ),
  node(
    '20.13.high-purity-inorganics',
    '20.13',
    'Особо чистые неорганические вещества',
    'High-purity inorganic chemicals',
    ['ОСЧ реактивы', 'high-purity reagents'],
  ),
  node('20.13.rare-earth-compounds', '20.13', 'Соединения редкоземельных металлов', 'Rare-earth compounds', [
    'РЗМ',
    'оксиды редкоземельных металлов',
    'rare-earth oxides',
  ]),
  node(
    '20.14',
    '20.1',
    'Производство прочих основных органических химических веществ',
    'Manufacture of other organic basic chemicals',
  ),
  node('20.14.fine-organic-synthesis', '20.14', 'Тонкий органический синтез', 'Fine organic synthesis', [
    'малотоннажная химия',
    'fine chemicals',
  ]),
  node(
    '20.16',
    '20.1',
    'Производство пластмасс и синтетических смол в первичных формах',
    'Manufacture of plastics in primary forms',
  ),
  node(
    '20.16.polymer-compounding',
    '20.16',
    'Компаундирование инженерных пластиков',
    'Engineering plastics compounding',
    ['полимерные композиции', 'компаунды', 'polymer compounds'],
  ),
  node('20.16.epoxy-resin-systems', '20.16', 'Эпоксидные смолы и связующие', 'Epoxy resins and binders', [
    'эпоксидное связующее',
    'epoxy matrix',
  ]),
  node(
    '20.3',
    '20',
    'Производство красок, лаков и аналогичных материалов для нанесения покрытий, полиграфических красок и мастик',
    'Manufacture of paints, varnishes and similar coatings, printing ink and mastics',
  ),
  node(
    '20.30',
    '20.3',
    'Производство красок, лаков и аналогичных материалов для нанесения покрытий, полиграфических красок и мастик',
    'Manufacture of paints, varnishes and similar coatings, printing ink and mastics',
  ),
  node('20.30.industrial-coatings', '20.30', 'Промышленные лакокрасочные материалы', 'Industrial paints and coatings', [
    'ЛКМ',
    'антикоррозионные покрытия',
    'anticorrosion coatings',
  ]),
  node('20.30.powder-paints', '20.30', 'Порошковые краски', 'Powder paints', [
    'порошковые лакокрасочные материалы',
    'powder coatings',
  ]),
  node('20.5', '20', 'Производство прочих химических продуктов', 'Manufacture of other chemical products'),
  node('20.52', '20.5', 'Производство клеев', 'Manufacture of glues'),
  node('20.52.industrial-adhesives', '20.52', 'Промышленные клеи и герметики', 'Industrial adhesives and sealants', [
    'клеи',
    'герметики',
    'adhesives',
    'sealants',
  ]),
  node(
    '20.59',
    '20.5',
    'Производство прочих химических продуктов, не включённых в другие группировки',
    'Manufacture of other chemical products n.e.c.',
  ),
  node(
    '20.59.electronic-chemicals',
    '20.59',
    'Химикаты для электроники (фоторезисты, травители, флюсы)',
    'Electronic chemicals (photoresists, etchants, fluxes)',
    ['фоторезисты', 'паяльные флюсы', 'process chemicals'],
  ),
  node('20.59.catalysts', '20.59', 'Катализаторы', 'Catalysts', ['каталитические системы', 'catalyst manufacturing']),
  node(
    '20.59.lubricant-additives',
    '20.59',
    'Присадки к смазочным материалам и СОЖ',
    'Lubricant and coolant additives',
    ['присадки', 'СОЖ', 'metalworking fluids'],
  ),

  // 21 Pharmaceuticals
  node(
    '21',
    'C',
    'Производство лекарственных средств и материалов, применяемых в медицинских целях',
    'Manufacture of basic pharmaceutical products and pharmaceutical preparations',
  ),
  node('21.1', '21', 'Производство фармацевтических субстанций', 'Manufacture of basic pharmaceutical products'),
  node('21.10', '21.1', 'Производство фармацевтических субстанций', 'Manufacture of basic pharmaceutical products'),
  node(
    '21.10.api-synthesis',
    '21.10',
    'Синтез фармацевтических субстанций',
    'Active pharmaceutical ingredient synthesis',
    ['АФС', 'фармсубстанции', 'API manufacturing'],
  ),
  node('21.10.biotech-substances', '21.10', 'Биотехнологические субстанции', 'Biotechnological drug substances', [
    'биофармацевтика',
    'рекомбинантные белки',
    'biologics',
  ]),
  node(
    '21.2',
    '21',
    'Производство лекарственных препаратов и материалов, применяемых в медицинских целях',
    'Manufacture of pharmaceutical preparations',
  ),
  node(
    '21.20',
    '21.2',
    'Производство лекарственных препаратов и материалов, применяемых в медицинских целях',
    'Manufacture of pharmaceutical preparations',
  ),
  node('21.20.solid-dosage-forms', '21.20', 'Твёрдые лекарственные формы', 'Solid dosage forms', [
    'таблетирование',
    'капсулы',
    'tablets and capsules',
  ]),
  node('21.20.sterile-injectables', '21.20', 'Стерильные инъекционные лекарственные формы', 'Sterile injectables', [
    'инъекционные растворы',
    'асептическое наполнение',
    'aseptic fill-finish',
  ]),
  node(
    '21.20.contract-manufacturing',
    '21.20',
    'Контрактное производство лекарственных препаратов',
    'Contract pharmaceutical manufacturing',
    ['CMO', 'CDMO', 'контрактное фармпроизводство'],
  ),

  // 22 Rubber and plastics
  node('22', 'C', 'Производство резиновых и пластмассовых изделий', 'Manufacture of rubber and plastic products'),
  node('22.1', '22', 'Производство резиновых изделий', 'Manufacture of rubber products'),
  node('22.19', '22.1', 'Производство прочих резиновых изделий', 'Manufacture of other rubber products'),
  node('22.19.moulded-rubber-parts', '22.19', 'Формовые резинотехнические изделия', 'Moulded rubber parts', [
    'РТИ',
    'уплотнения',
    'rubber seals',
  ]),
  node('22.19.rubber-metal-parts', '22.19', 'Резинометаллические изделия', 'Rubber-to-metal bonded parts', [
    'РМИ',
    'виброизоляторы',
    'anti-vibration mounts',
  ]),
  node('22.19.silicone-rubber-parts', '22.19', 'Изделия из силиконовой резины', 'Silicone rubber parts', [
    'силикон',
    'LSR',
    'liquid silicone rubber',
  ]),
  node('22.2', '22', 'Производство изделий из пластмасс', 'Manufacture of plastic products'),
  node(
    '22.21',
    '22.2',
    'Производство пластмассовых плит, полос, труб и профилей',
    'Manufacture of plastic plates, sheets, tubes and profiles',
  ),
  node(
    '22.21.plastic-extrusion',
    '22.21',
    'Экструзия пластиковых профилей и труб',
    'Plastic profile and pipe extrusion',
    ['экструзия', 'extrusion'],
  ),
  node(
    '22.22',
    '22.2',
    'Производство пластмассовых изделий для упаковывания товаров',
    'Manufacture of plastic packing goods',
  ),
  node('22.22.blow-moulding', '22.22', 'Выдувное формование тары', 'Blow moulding', ['ПЭТ-тара', 'blow molding']),
  node('22.29', '22.2', 'Производство прочих пластмассовых изделий', 'Manufacture of other plastic products'),
  node('22.29.injection-moulding', '22.29', 'Литьё пластмасс под давлением', 'Plastic injection moulding', [
    'литьё под давлением',
    'ТПА',
    'injection molding',
  ]),
  node(
    '22.29.insert-overmoulding',
    '22.29',
    'Литьё с закладными элементами и двухкомпонентное литьё',
    'Insert moulding and overmoulding',
    ['двухкомпонентное литьё', '2K moulding', 'overmolding'],
  ),
  node('22.29.vacuum-forming', '22.29', 'Вакуумное формование', 'Vacuum forming', ['термоформование', 'thermoforming']),
  node('22.29.vacuum-casting', '22.29', 'Вакуумное литьё в силиконовые формы', 'Vacuum casting in silicone moulds', [
    'литьё полиуретана',
    'urethane casting',
  ]),
  node('22.29.fdm-printing', '22.29', '3D-печать методом послойного наплавления (FDM)', 'FDM 3D printing', [
    'FFF',
    'аддитивное производство',
    'additive manufacturing',
  ]),
  node('22.29.sla-printing', '22.29', '3D-печать фотополимерами (SLA/DLP)', 'SLA/DLP resin 3D printing', [
    'стереолитография',
    'DLP',
    'stereolithography',
  ]),
  node(
    '22.29.sls-printing',
    '22.29',
    '3D-печать методом селективного лазерного спекания (SLS)',
    'SLS 3D printing of polymers',
    ['SLS', 'полиамид PA12', 'selective laser sintering'],
  ),
  node(
    '22.29.fibre-reinforced-plastics',
    '22.29',
    'Изделия из стеклопластика и углепластика',
    'Fibre-reinforced plastic parts',
    ['композиты', 'стеклопластик', 'углепластик', 'CFRP'],
  ),

  // 23 Other non-metallic mineral products
  node(
    '23',
    'C',
    'Производство прочей неметаллической минеральной продукции',
    'Manufacture of other non-metallic mineral products',
  ),
  node('23.1', '23', 'Производство стекла и изделий из стекла', 'Manufacture of glass and glass products'),
  node(
    '23.19',
    '23.1',
    'Производство и обработка прочих стеклянных изделий, включая технические изделия из стекла',
    'Manufacture and processing of other glass, including technical glassware',
  ),
  node(
    '23.19.technical-glassware',
    '23.19',
    'Техническое и лабораторное стекло',
    'Technical and laboratory glassware',
    ['лабораторная посуда', 'стеклодувные работы', 'glassblowing'],
  ),
  node('23.19.quartz-glass', '23.19', 'Изделия из кварцевого стекла', 'Quartz glass products', [
    'кварц',
    'fused silica',
  ]),
  node('23.2', '23', 'Производство огнеупорных изделий', 'Manufacture of refractory products'),
  node('23.20', '23.2', 'Производство огнеупорных изделий', 'Manufacture of refractory products'),
  node('23.20.refractory-linings', '23.20', 'Огнеупорные изделия и футеровки', 'Refractory shapes and linings', [
    'огнеупоры',
    'футеровка',
    'refractories',
  ]),
  node(
    '23.4',
    '23',
    'Производство прочих фарфоровых и керамических изделий',
    'Manufacture of other porcelain and ceramic products',
  ),
  node(
    '23.43',
    '23.4',
    'Производство керамических изоляторов и изолирующей арматуры',
    'Manufacture of ceramic insulators and insulating fittings',
  ),
  node('23.43.ceramic-insulators', '23.43', 'Керамические и фарфоровые изоляторы', 'Ceramic and porcelain insulators', [
    'изоляторы',
    'insulators',
  ]),
  node(
    '23.44',
    '23.4',
    'Производство прочих технических керамических изделий',
    'Manufacture of other technical ceramic products',
  ),
  node(
    '23.44.oxide-ceramics',
    '23.44',
    'Оксидная техническая керамика (корунд, диоксид циркония)',
    'Oxide technical ceramics (alumina, zirconia)',
    ['техническая керамика', 'корундовая керамика', 'technical ceramics'],
  ),
  node(
    '23.44.silicon-carbide-ceramics',
    '23.44',
    'Карбидокремниевая и нитридная керамика',
    'Silicon carbide and nitride ceramics',
    ['SiC', 'карбид кремния', 'silicon nitride'],
  ),
  node(
    '23.9',
    '23',
    'Производство абразивных и неметаллических минеральных изделий, не включённых в другие группировки',
    'Manufacture of abrasive products and non-metallic mineral products n.e.c.',
  ),
  node('23.91', '23.9', 'Производство абразивных изделий', 'Production of abrasive products'),
  node('23.91.abrasive-tools', '23.91', 'Абразивный и алмазный инструмент', 'Abrasive and diamond tools', [
    'шлифовальные круги',
    'grinding wheels',
  ]),
  node(
    '23.99',
    '23.9',
    'Производство прочей неметаллической минеральной продукции, не включённой в другие группировки',
    'Manufacture of other non-metallic mineral products n.e.c.',
  ),
  node(
    '23.99.carbon-fibre',
    '23.99',
    'Углеродное волокно и углеграфитовые материалы',
    'Carbon fibre and graphite materials',
    ['углеволокно', 'графит', 'carbon fiber'],
  ),
  node('23.99.basalt-fibre', '23.99', 'Базальтовое волокно и изделия из него', 'Basalt fibre products', [
    'базальтоволокно',
    'basalt fiber',
  ]),

  // 24 Basic metals
  node('24', 'C', 'Производство металлургическое', 'Manufacture of basic metals'),
  node(
    '24.4',
    '24',
    'Производство основных драгоценных металлов и прочих цветных металлов',
    'Manufacture of basic precious and other non-ferrous metals',
  ),
  node('24.45', '24.4', 'Производство прочих цветных металлов', 'Other non-ferrous metal production'),
  node(
    '24.45.metal-powders',
    '24.45',
    'Металлические порошки для аддитивного производства',
    'Metal powders for additive manufacturing',
    ['сферические порошки', 'распыление металлов', 'gas atomisation'],
  ),
  node(
    '24.45.refractory-metals',
    '24.45',
    'Тугоплавкие и редкие металлы (вольфрам, молибден, титан)',
    'Refractory and rare metals (tungsten, molybdenum, titanium)',
    ['тугоплавкие металлы', 'титан', 'rare metals'],
  ),
  node('24.5', '24', 'Литьё металлов', 'Casting of metals'),
  node('24.51', '24.5', 'Литьё чугуна', 'Casting of iron'),
  node('24.51.iron-sand-casting', '24.51', 'Литьё чугуна в песчаные формы', 'Iron sand casting', [
    'чугунное литьё',
    'ХТС',
    'grey iron castings',
  ]),
  node('24.52', '24.5', 'Литьё стали', 'Casting of steel'),
  node('24.52.investment-casting', '24.52', 'Литьё стали по выплавляемым моделям', 'Steel investment casting', [
    'ЛВМ',
    'точное литьё',
    'lost-wax casting',
  ]),
  node('24.53', '24.5', 'Литьё лёгких металлов', 'Casting of light metals'),
  node('24.53.aluminium-die-casting', '24.53', 'Литьё алюминия под давлением', 'Aluminium high-pressure die casting', [
    'ЛПД',
    'HPDC',
    'die casting',
  ]),
  node(
    '24.53.aluminium-gravity-casting',
    '24.53',
    'Литьё алюминия в кокиль и песчаные формы',
    'Aluminium gravity and sand casting',
    ['кокильное литьё', 'permanent mould casting'],
  ),
  node('24.54', '24.5', 'Литьё прочих цветных металлов', 'Casting of other non-ferrous metals'),
  node('24.54.copper-alloy-casting', '24.54', 'Литьё бронзы и латуни', 'Bronze and brass casting', [
    'бронзовое литьё',
    'copper alloy castings',
  ]),

  // 25 Fabricated metal products
  node(
    '25',
    'C',
    'Производство готовых металлических изделий, кроме машин и оборудования',
    'Manufacture of fabricated metal products, except machinery and equipment',
  ),
  node(
    '25.1',
    '25',
    'Производство строительных металлических конструкций и изделий',
    'Manufacture of structural metal products',
  ),
  node(
    '25.11',
    '25.1',
    'Производство строительных металлических конструкций, изделий и их частей',
    'Manufacture of metal structures and parts of structures',
  ),
  node('25.11.steel-structures', '25.11', 'Изготовление металлоконструкций', 'Steel structure fabrication', [
    'металлоконструкции',
    'steel fabrication',
  ]),
  node('25.11.welded-frames', '25.11', 'Сварные рамы, каркасы и площадки обслуживания', 'Welded frames and platforms', [
    'сварные рамы',
    'welded frames',
  ]),
  node(
    '25.5',
    '25',
    'Ковка, прессование, штамповка и профилирование; изготовление изделий методом порошковой металлургии',
    'Forging, pressing, stamping and roll-forming of metal; powder metallurgy',
  ),
  node(
    '25.50',
    '25.5',
    'Ковка, прессование, штамповка и профилирование; изготовление изделий методом порошковой металлургии',
    'Forging, pressing, stamping and roll-forming of metal; powder metallurgy',
  ),
  node('25.50.hot-forging', '25.50', 'Горячая объёмная штамповка и ковка', 'Hot die forging', [
    'поковки',
    'штамповка поковок',
    'forgings',
  ]),
  node('25.50.sheet-metal-stamping', '25.50', 'Холодная листовая штамповка', 'Sheet metal stamping', [
    'листовая штамповка',
    'вырубка',
    'metal stamping',
  ]),
  node('25.50.sheet-metal-bending', '25.50', 'Гибка листового металла', 'Sheet metal bending', [
    'листогибочные работы',
    'press brake bending',
  ]),
  node(
    '25.50.press-and-sinter',
    '25.50',
    'Изделия порошковой металлургии (прессование и спекание)',
    'Press-and-sinter powder metallurgy parts',
    ['порошковая металлургия', 'спечённые детали', 'sintered parts'],
  ),
  node(
    '25.50.metal-injection-moulding',
    '25.50',
    'Инжекционное формование металлов (MIM)',
    'Metal injection moulding (MIM)',
    ['MIM', 'metal injection molding'],
  ),
  node(
    '25.50.metal-am-pbf',
    '25.50',
    '3D-печать металлом в порошковом слое (SLM/DMLS)',
    'Metal powder-bed 3D printing (SLM/DMLS)',
    ['селективное лазерное плавление', 'SLM', 'DMLS', 'metal additive manufacturing'],
  ),
  node('25.50.metal-am-ded', '25.50', 'Прямое лазерное выращивание (DED)', 'Directed energy deposition (DED)', [
    'прямое лазерное выращивание',
    'DMD',
    'laser metal deposition',
  ]),
  node(
    '25.6',
    '25',
    'Обработка металлов и нанесение покрытий на металлы; механическая обработка металлов',
    'Treatment and coating of metals; machining',
  ),
  node('25.61', '25.6', 'Обработка металлов и нанесение покрытий на металлы', 'Treatment and coating of metals'),
  node('25.61.powder-coating', '25.61', 'Порошковая покраска', 'Powder coating', [
    'порошковое окрашивание',
    'polymer coating',
  ]),
  node(
    '25.61.electroplating',
    '25.61',
    'Гальванические покрытия (цинкование, никелирование, хромирование)',
    'Electroplating (zinc, nickel, chrome)',
    ['гальваника', 'цинкование', 'plating'],
  ),
  node('25.61.anodising', '25.61', 'Анодирование алюминия', 'Aluminium anodising', [
    'анодное оксидирование',
    'anodizing',
  ]),
  node('25.61.heat-treatment', '25.61', 'Термическая обработка металлов', 'Heat treatment of metals', [
    'закалка',
    'отпуск',
    'hardening',
  ]),
  node(
    '25.61.case-hardening',
    '25.61',
    'Химико-термическая обработка (азотирование, цементация)',
    'Case hardening (nitriding, carburising)',
    ['азотирование', 'цементация', 'nitriding'],
  ),
  node('25.61.thermal-spraying', '25.61', 'Газотермическое напыление', 'Thermal spraying', [
    'плазменное напыление',
    'HVOF',
    'plasma spraying',
  ]),
  node('25.61.pvd-coating', '25.61', 'Вакуумные ионно-плазменные покрытия (PVD)', 'PVD coating', [
    'ионно-плазменное напыление',
    'PVD',
    'hard coatings',
  ]),
  node(
    '25.61.laser-marking',
    '25.61',
    'Лазерная маркировка и гравировка металлов',
    'Laser marking and engraving of metals',
    ['лазерная гравировка', 'laser engraving'],
  ),
  node('25.61.abrasive-blasting', '25.61', 'Дробеструйная и пескоструйная обработка', 'Shot and sand blasting', [
    'пескоструй',
    'дробеструй',
    'shot blasting',
  ]),
  node('25.62', '25.6', 'Обработка металлических изделий механическая', 'Machining', ['механообработка', 'machining']),
  node('25.62.cnc-milling-3axis', '25.62', 'Фрезерная обработка на станках с ЧПУ (3 оси)', '3-axis CNC milling', [
    'фрезеровка ЧПУ',
    'CNC milling',
  ]),
  node('25.62.cnc-milling-5axis', '25.62', 'Пятиосевая фрезерная обработка на станках с ЧПУ', '5-axis CNC milling', [
    '5-осевое фрезерование',
    'пятиосевая обработка',
    '5-axis machining',
  ]),
  node('25.62.cnc-turning', '25.62', 'Токарная обработка на станках с ЧПУ', 'CNC turning', [
    'токарные работы',
    'токарка ЧПУ',
    'CNC lathe',
  ]),
  node('25.62.swiss-turning', '25.62', 'Продольное точение на автоматах швейцарского типа', 'Swiss-type turning', [
    'продольно-токарные автоматы',
    'Swiss machining',
  ]),
  node('25.62.mill-turn', '25.62', 'Токарно-фрезерная обработка', 'Mill-turn machining', [
    'токарно-фрезерные центры',
    'multitasking machining',
  ]),
  node('25.62.precision-grinding', '25.62', 'Шлифование (круглое, плоское, координатное)', 'Precision grinding', [
    'шлифовка',
    'grinding',
  ]),
  node('25.62.wire-edm', '25.62', 'Электроэрозионная проволочная резка', 'Wire EDM', [
    'электроэрозия',
    'проволочная резка',
    'wire erosion',
  ]),
  node('25.62.sinker-edm', '25.62', 'Электроэрозионная прошивка', 'Sinker EDM', [
    'копировально-прошивочная электроэрозия',
    'die-sinking EDM',
  ]),
  // NACE places laser cutting of metal here, in 25.62, not with coatings in 25.61.
  node('25.62.laser-cutting', '25.62', 'Лазерная резка металла', 'Laser cutting of metal', [
    'лазерный раскрой',
    'laser cutting',
  ]),
  node('25.62.waterjet-cutting', '25.62', 'Гидроабразивная резка', 'Waterjet cutting', [
    'гидрорезка',
    'abrasive waterjet',
  ]),
  node('25.62.plasma-cutting', '25.62', 'Плазменная резка металла', 'Plasma cutting', ['плазморез', 'plasma cutting']),
  node('25.62.tig-welding', '25.62', 'Аргонодуговая сварка (TIG)', 'TIG welding', ['аргонная сварка', 'TIG', 'GTAW']),
  node('25.62.mig-mag-welding', '25.62', 'Полуавтоматическая сварка (MIG/MAG)', 'MIG/MAG welding', [
    'полуавтомат',
    'GMAW',
  ]),
  node('25.62.laser-welding', '25.62', 'Лазерная сварка', 'Laser welding', ['laser beam welding']),
  node('25.62.electron-beam-welding', '25.62', 'Электронно-лучевая сварка', 'Electron-beam welding', ['ЭЛС', 'EBW']),
  node(
    '25.7',
    '25',
    'Производство ножевых изделий и столовых приборов, инструментов и универсальных скобяных изделий',
    'Manufacture of cutlery, tools and general hardware',
  ),
  node('25.73', '25.7', 'Производство инструмента', 'Manufacture of tools'),
  node(
    '25.73.cutting-tools',
    '25.73',
    'Металлорежущий инструмент (фрезы, свёрла, пластины)',
    'Cutting tools (end mills, drills, inserts)',
    ['режущий инструмент', 'твердосплавный инструмент', 'carbide tools'],
  ),
  node('25.73.moulds-and-dies', '25.73', 'Штампы и пресс-формы', 'Press dies and injection moulds', [
    'оснастка',
    'пресс-формы',
    'mould making',
    'tooling',
  ]),
  node('25.73.jigs-and-fixtures', '25.73', 'Станочные приспособления', 'Jigs and fixtures', [
    'приспособления',
    'workholding',
  ]),
  node(
    '25.9',
    '25',
    'Производство прочих готовых металлических изделий',
    'Manufacture of other fabricated metal products',
  ),
  node(
    '25.93',
    '25.9',
    'Производство изделий из проволоки, цепей и пружин',
    'Manufacture of wire products, chain and springs',
  ),
  node('25.93.springs', '25.93', 'Пружины', 'Springs', ['навивка пружин', 'spring manufacturing']),
  node('25.94', '25.9', 'Производство крепёжных изделий', 'Manufacture of fasteners and screw machine products'),
  node(
    '25.94.special-fasteners',
    '25.94',
    'Специальный и высокопрочный крепёж',
    'Special and high-strength fasteners',
    ['крепёж', 'метизы', 'fasteners'],
  ),
  node(
    '25.99',
    '25.9',
    'Производство прочих готовых металлических изделий, не включённых в другие группировки',
    'Manufacture of other fabricated metal products n.e.c.',
  ),
  node(
    '25.99.sheet-metal-enclosures',
    '25.99',
    'Корпуса и шкафы из листового металла',
    'Sheet metal enclosures and cabinets',
    ['корпуса приборов', 'электрошкафы', 'enclosures'],
  ),

  // 26 Computer, electronic and optical products
  node(
    '26',
    'C',
    'Производство компьютеров, электронных и оптических изделий',
    'Manufacture of computer, electronic and optical products',
  ),
  node(
    '26.1',
    '26',
    'Производство элементов электронной аппаратуры и печатных схем (плат)',
    'Manufacture of electronic components and boards',
  ),
  node('26.11', '26.1', 'Производство элементов электронной аппаратуры', 'Manufacture of electronic components'),
  node('26.11.pcb-fabrication', '26.11', 'Изготовление печатных плат', 'Bare PCB fabrication', [
    'печатные платы',
    'МПП',
    'PCB manufacturing',
  ]),
  node('26.11.flex-pcb', '26.11', 'Гибкие и гибко-жёсткие печатные платы', 'Flexible and rigid-flex PCBs', [
    'гибкие платы',
    'flex PCB',
  ]),
  node('26.11.ic-packaging', '26.11', 'Корпусирование микросхем', 'IC packaging and assembly', [
    'сборка микросхем',
    'разварка кристаллов',
    'wire bonding',
  ]),
  node(
    '26.11.power-semiconductors',
    '26.11',
    'Силовые полупроводниковые приборы и модули',
    'Power semiconductor devices and modules',
    ['IGBT-модули', 'силовая электроника', 'power modules'],
  ),
  node(
    '26.11.passive-components',
    '26.11',
    'Пассивные компоненты (резисторы, конденсаторы, катушки)',
    'Passive components (resistors, capacitors, inductors)',
    ['ЭКБ', 'пассивные ЭРИ', 'passives'],
  ),
  node('26.11.leds', '26.11', 'Светодиоды и светодиодные модули', 'LEDs and LED modules', ['светодиоды', 'LED']),
  node('26.12', '26.1', 'Производство электронных печатных плат', 'Manufacture of loaded electronic boards'),
  node('26.12.smt-assembly', '26.12', 'Поверхностный монтаж печатных плат (SMT)', 'SMT assembly', [
    'SMD-монтаж',
    'поверхностный монтаж',
    'PCBA',
  ]),
  node('26.12.tht-assembly', '26.12', 'Выводной монтаж (THT)', 'Through-hole assembly', [
    'выводной монтаж',
    'пайка волной',
    'wave soldering',
  ]),
  node('26.12.box-build', '26.12', 'Контрактная сборка электронных блоков', 'Electronic box-build assembly', [
    'контрактное производство электроники',
    'EMS',
    'box build',
  ]),
  node('26.12.conformal-coating', '26.12', 'Влагозащитное покрытие печатных узлов', 'Conformal coating', [
    'лакировка плат',
    'влагозащита',
  ]),
  node(
    '26.12.board-testing',
    '26.12',
    'Внутрисхемное и функциональное тестирование плат',
    'In-circuit and functional board testing',
    ['ICT', 'летающие пробники', 'flying probe'],
  ),
  node(
    '26.2',
    '26',
    'Производство компьютеров и периферийного оборудования',
    'Manufacture of computers and peripheral equipment',
  ),
  node(
    '26.20',
    '26.2',
    'Производство компьютеров и периферийного оборудования',
    'Manufacture of computers and peripheral equipment',
  ),
  node(
    '26.20.industrial-computers',
    '26.20',
    'Промышленные компьютеры и панели оператора',
    'Industrial PCs and operator panels',
    ['панельные ПК', 'HMI-панели', 'industrial PC'],
  ),
  node('26.20.servers-storage', '26.20', 'Серверы и системы хранения данных', 'Servers and storage systems', [
    'серверы',
    'СХД',
    'servers',
  ]),
  node('26.3', '26', 'Производство коммуникационного оборудования', 'Manufacture of communication equipment'),
  node('26.30', '26.3', 'Производство коммуникационного оборудования', 'Manufacture of communication equipment'),
  node('26.30.rf-modules', '26.30', 'Радиочастотные модули и антенны', 'RF modules and antennas', [
    'СВЧ-модули',
    'антенны',
    'RF design',
  ]),
  node(
    '26.30.network-equipment',
    '26.30',
    'Сетевое и телекоммуникационное оборудование',
    'Networking and telecom equipment',
    ['коммутаторы', 'маршрутизаторы', 'switches and routers'],
  ),
  node(
    '26.5',
    '26',
    'Производство контрольно-измерительных и навигационных приборов и аппаратов; производство часов',
    'Manufacture of instruments and appliances for measuring, testing and navigation; watches and clocks',
  ),
  node(
    '26.51',
    '26.5',
    'Производство инструментов и приборов для измерения, тестирования и навигации',
    'Manufacture of instruments and appliances for measuring, testing and navigation',
    ['КИП', 'КИПиА', 'instrumentation'],
  ),
  node('26.51.pressure-transmitters', '26.51', 'Датчики давления', 'Pressure sensors and transmitters', [
    'преобразователи давления',
    'pressure transducers',
  ]),
  node('26.51.flow-meters', '26.51', 'Расходомеры', 'Flow meters', ['расходомеры', 'flowmeters']),
  node('26.51.temperature-sensors', '26.51', 'Датчики температуры', 'Temperature sensors', [
    'термопары',
    'термосопротивления',
    'RTD',
  ]),
  node('26.51.gas-analysers', '26.51', 'Газоанализаторы', 'Gas analysers', ['газоанализаторы', 'gas detectors']),
  node(
    '26.51.test-measurement-equipment',
    '26.51',
    'Электронная измерительная аппаратура',
    'Electronic test and measurement equipment',
    ['осциллографы', 'анализаторы спектра', 'T&M equipment'],
  ),
  node(
    '26.51.coordinate-measuring-machines',
    '26.51',
    'Координатно-измерительные машины',
    'Coordinate measuring machines',
    ['КИМ', 'CMM'],
  ),
  node('26.51.gnss-equipment', '26.51', 'Навигационная аппаратура ГЛОНАСС/GPS', 'GNSS navigation equipment', [
    'ГЛОНАСС',
    'навигационные приёмники',
    'GNSS receivers',
  ]),
  node(
    '26.51.utility-meters',
    '26.51',
    'Приборы учёта электроэнергии, тепла и воды',
    'Electricity, heat and water meters',
    ['счётчики', 'приборы учёта', 'smart meters'],
  ),
  node('26.51.ndt-instruments', '26.51', 'Приборы неразрушающего контроля', 'Non-destructive testing instruments', [
    'дефектоскопы',
    'толщиномеры',
    'flaw detectors',
  ]),
  node(
    '26.6',
    '26',
    'Производство облучающего и электротерапевтического оборудования, применяемого в медицинских целях',
    'Manufacture of irradiation, electromedical and electrotherapeutic equipment',
  ),
  node(
    '26.60',
    '26.6',
    'Производство облучающего и электротерапевтического оборудования, применяемого в медицинских целях',
    'Manufacture of irradiation, electromedical and electrotherapeutic equipment',
  ),
  node('26.60.x-ray-equipment', '26.60', 'Рентгеновское медицинское оборудование', 'Medical X-ray equipment', [
    'рентген',
    'рентгенодиагностика',
    'radiography',
  ]),
  node('26.60.ultrasound-scanners', '26.60', 'Ультразвуковые сканеры', 'Ultrasound scanners', [
    'УЗИ-аппараты',
    'ultrasound',
  ]),
  node(
    '26.60.patient-monitors',
    '26.60',
    'Мониторы пациента и электрокардиографы',
    'Patient monitors and ECG devices',
    ['ЭКГ', 'мониторы пациента', 'ECG'],
  ),
  node(
    '26.7',
    '26',
    'Производство оптических приборов, фото- и кинооборудования',
    'Manufacture of optical instruments and photographic equipment',
  ),
  node(
    '26.70',
    '26.7',
    'Производство оптических приборов, фото- и кинооборудования',
    'Manufacture of optical instruments and photographic equipment',
  ),
  node(
    '26.70.optical-components',
    '26.70',
    'Линзы, призмы и оптические элементы',
    'Lenses, prisms and optical components',
    ['оптика', 'оптические детали', 'precision optics'],
  ),
  node('26.70.optical-coatings', '26.70', 'Оптические тонкоплёночные покрытия', 'Optical thin-film coatings', [
    'просветление оптики',
    'AR coating',
  ]),
  node('26.70.thermal-imaging', '26.70', 'Тепловизионные приборы', 'Thermal imaging devices', [
    'тепловизоры',
    'thermal cameras',
    'IR imaging',
  ]),
  node('26.70.machine-vision-cameras', '26.70', 'Камеры машинного зрения', 'Machine vision cameras', [
    'промышленные камеры',
    'industrial cameras',
  ]),
  node('26.70.laser-sources', '26.70', 'Лазерные излучатели и модули', 'Laser sources and modules', [
    'лазеры',
    'волоконные лазеры',
    'fibre lasers',
  ]),

  // 27 Electrical equipment
  node('27', 'C', 'Производство электрического оборудования', 'Manufacture of electrical equipment'),
  node(
    '27.1',
    '27',
    'Производство электродвигателей, генераторов, трансформаторов и распределительных устройств',
    'Manufacture of electric motors, generators, transformers and electricity distribution and control apparatus',
  ),
  node(
    '27.11',
    '27.1',
    'Производство электродвигателей, электрогенераторов и трансформаторов',
    'Manufacture of electric motors, generators and transformers',
  ),
  node(
    '27.11.electric-motors',
    '27.11',
    'Электродвигатели (асинхронные, вентильные)',
    'Electric motors (induction, BLDC)',
    ['электромоторы', 'BLDC', 'servo motors'],
  ),
  node('27.11.transformers', '27.11', 'Трансформаторы и дроссели', 'Transformers and chokes', [
    'трансформаторы',
    'моточные изделия',
    'magnetics',
  ]),
  node(
    '27.12',
    '27.1',
    'Производство электрической распределительной и регулирующей аппаратуры',
    'Manufacture of electricity distribution and control apparatus',
  ),
  node('27.12.switchgear', '27.12', 'Комплектные распределительные устройства', 'Switchgear', [
    'КРУ',
    'распредустройства',
    'switchgear',
  ]),
  node('27.12.control-cabinets', '27.12', 'Сборка шкафов управления и автоматики', 'Control cabinet assembly', [
    'шкафы автоматики',
    'НКУ',
    'panel building',
  ]),
  node(
    '27.2',
    '27',
    'Производство электрических аккумуляторов и аккумуляторных батарей',
    'Manufacture of batteries and accumulators',
  ),
  node(
    '27.20',
    '27.2',
    'Производство электрических аккумуляторов и аккумуляторных батарей',
    'Manufacture of batteries and accumulators',
  ),
  node('27.20.li-ion-packs', '27.20', 'Сборка литий-ионных аккумуляторных батарей', 'Li-ion battery pack assembly', [
    'АКБ',
    'литий-ионные батареи',
    'battery packs',
  ]),
  node('27.3', '27', 'Производство кабелей и кабельной арматуры', 'Manufacture of wiring and wiring devices'),
  node(
    '27.32',
    '27.3',
    'Производство прочих проводов и кабелей для электронного и электрического оборудования',
    'Manufacture of other electronic and electric wires and cables',
  ),
  node('27.32.special-cables', '27.32', 'Специальные кабели и провода', 'Special-purpose cables and wires', [
    'кабельная продукция',
    'монтажные провода',
    'special cables',
  ]),
  node('27.33', '27.3', 'Производство электроустановочных изделий', 'Manufacture of wiring devices'),
  node(
    '27.33.industrial-connectors',
    '27.33',
    'Промышленные электрические соединители',
    'Industrial electrical connectors',
    ['разъёмы', 'соединители', 'connectors'],
  ),
  node(
    '27.4',
    '27',
    'Производство электрических ламп и осветительного оборудования',
    'Manufacture of electric lighting equipment',
  ),
  node(
    '27.40',
    '27.4',
    'Производство электрических ламп и осветительного оборудования',
    'Manufacture of electric lighting equipment',
  ),
  node('27.40.led-luminaires', '27.40', 'Светодиодные светильники', 'LED luminaires', ['светильники', 'LED lighting']),
  node('27.9', '27', 'Производство прочего электрического оборудования', 'Manufacture of other electrical equipment'),
  node(
    '27.90',
    '27.9',
    'Производство прочего электрического оборудования',
    'Manufacture of other electrical equipment',
  ),
  node('27.90.power-supplies', '27.90', 'Источники питания и преобразователи', 'Power supplies and converters', [
    'блоки питания',
    'ИБП',
    'PSU',
  ]),
  node('27.90.wire-harnesses', '27.90', 'Кабельные сборки и жгуты', 'Wire harnesses and cable assemblies', [
    'жгуты',
    'кабельные сборки',
    'cable assemblies',
  ]),
  node('27.90.ev-chargers', '27.90', 'Зарядные станции для электротранспорта', 'EV charging stations', [
    'ЭЗС',
    'зарядные станции',
    'EV chargers',
  ]),

  // 28 Machinery
  node(
    '28',
    'C',
    'Производство машин и оборудования, не включённых в другие группировки',
    'Manufacture of machinery and equipment n.e.c.',
  ),
  node('28.1', '28', 'Производство машин и оборудования общего назначения', 'Manufacture of general-purpose machinery'),
  node(
    '28.12',
    '28.1',
    'Производство гидравлического и пневматического силового оборудования',
    'Manufacture of fluid power equipment',
  ),
  node('28.12.hydraulic-cylinders', '28.12', 'Гидроцилиндры и гидроагрегаты', 'Hydraulic cylinders and power units', [
    'гидравлика',
    'hydraulics',
  ]),
  node('28.12.pneumatic-components', '28.12', 'Пневмоаппаратура', 'Pneumatic components', [
    'пневматика',
    'пневмоцилиндры',
    'pneumatics',
  ]),
  node('28.13', '28.1', 'Производство прочих насосов и компрессоров', 'Manufacture of other pumps and compressors'),
  node('28.13.industrial-pumps', '28.13', 'Промышленные насосы', 'Industrial pumps', [
    'насосы',
    'насосное оборудование',
    'pumps',
  ]),
  node('28.13.compressors', '28.13', 'Компрессоры', 'Compressors', ['компрессорное оборудование', 'air compressors']),
  node('28.14', '28.1', 'Производство прочей трубопроводной арматуры', 'Manufacture of other taps and valves'),
  node('28.14.industrial-valves', '28.14', 'Трубопроводная арматура', 'Industrial valves', [
    'запорная арматура',
    'задвижки',
    'shut-off valves',
  ]),
  node(
    '28.15',
    '28.1',
    'Производство подшипников, зубчатых передач, элементов механических передач и приводов',
    'Manufacture of bearings, gears, gearing and driving elements',
  ),
  node('28.15.gearboxes', '28.15', 'Редукторы', 'Gearboxes', ['редукторы', 'gear reducers']),
  node('28.15.gears', '28.15', 'Зубчатые колёса и зубообработка', 'Gears and gear cutting', [
    'шестерни',
    'зубофрезерование',
    'gear hobbing',
  ]),
  node('28.15.bearings', '28.15', 'Подшипники', 'Bearings', [
    'подшипники скольжения',
    'подшипники качения',
    'bearings',
  ]),
  node(
    '28.2',
    '28',
    'Производство прочих машин и оборудования общего назначения',
    'Manufacture of other general-purpose machinery',
  ),
  node(
    '28.22',
    '28.2',
    'Производство подъёмно-транспортного оборудования',
    'Manufacture of lifting and handling equipment',
  ),
  node('28.22.conveyors', '28.22', 'Конвейерные системы', 'Conveyor systems', [
    'конвейеры',
    'транспортёры',
    'conveyors',
  ]),
  node('28.22.agv', '28.22', 'Автоматически управляемые тележки (AGV)', 'Automated guided vehicles (AGV)', [
    'AGV',
    'AMR',
    'мобильные роботы',
  ]),
  node(
    '28.25',
    '28.2',
    'Производство промышленного холодильного и вентиляционного оборудования',
    'Manufacture of non-domestic cooling and ventilation equipment',
  ),
  node(
    '28.25.industrial-chillers',
    '28.25',
    'Промышленные чиллеры и холодильное оборудование',
    'Industrial chillers and refrigeration',
    ['чиллеры', 'холодильные машины', 'chillers'],
  ),
  node(
    '28.29',
    '28.2',
    'Производство прочих машин и оборудования общего назначения, не включённых в другие группировки',
    'Manufacture of other general-purpose machinery n.e.c.',
  ),
  node(
    '28.29.filtration-equipment',
    '28.29',
    'Фильтрационное и сепарационное оборудование',
    'Filtration and separation equipment',
    ['фильтры', 'сепараторы', 'filters'],
  ),
  node('28.29.packaging-machines', '28.29', 'Упаковочное оборудование', 'Packaging machinery', [
    'фасовочное оборудование',
    'упаковочные машины',
    'packing machines',
  ]),
  node(
    '28.29.industrial-weighing',
    '28.29',
    'Промышленные весы и дозаторы',
    'Industrial weighing and dosing equipment',
    ['весы', 'дозаторы', 'scales'],
  ),
  node(
    '28.4',
    '28',
    'Производство металлообрабатывающего оборудования и станков',
    'Manufacture of metal forming machinery and machine tools',
  ),
  node(
    '28.41',
    '28.4',
    'Производство металлообрабатывающего оборудования',
    'Manufacture of metal forming machinery and machine tools for metal',
  ),
  node('28.41.cnc-machine-tools', '28.41', 'Металлорежущие станки с ЧПУ', 'CNC machine tools', [
    'станкостроение',
    'обрабатывающие центры',
    'machining centres',
  ]),
  node('28.41.laser-machines', '28.41', 'Лазерные технологические установки', 'Laser cutting and welding machines', [
    'лазерные станки',
    'laser cutters',
  ]),
  node('28.41.presses', '28.41', 'Прессовое и кузнечное оборудование', 'Presses and forging machines', [
    'прессы',
    'листогибы',
    'press brakes',
  ]),
  node('28.49', '28.4', 'Производство прочих станков', 'Manufacture of other machine tools'),
  node(
    '28.49.non-metal-machine-tools',
    '28.49',
    'Станки для обработки дерева, камня и пластмасс',
    'Machine tools for wood, stone and plastics',
    ['деревообрабатывающие станки', 'фрезерно-гравировальные станки', 'CNC routers'],
  ),
  node(
    '28.9',
    '28',
    'Производство прочих машин специального назначения',
    'Manufacture of other special-purpose machinery',
  ),
  node(
    '28.92',
    '28.9',
    'Производство машин и оборудования для добычи полезных ископаемых и строительства',
    'Manufacture of machinery for mining, quarrying and construction',
  ),
  node(
    '28.92.mining-equipment',
    '28.92',
    'Горно-шахтное оборудование и запасные части',
    'Mining equipment and spare parts',
    ['ГШО', 'запчасти для горной техники', 'mining machinery'],
  ),
  node(
    '28.93',
    '28.9',
    'Производство машин и оборудования для изготовления пищевых продуктов, включая напитки, и табачных изделий',
    'Manufacture of machinery for food, beverage and tobacco processing',
  ),
  node(
    '28.93.food-processing-equipment',
    '28.93',
    'Оборудование для пищевой промышленности',
    'Food processing equipment',
    ['пищевое оборудование', 'food machinery'],
  ),
  node(
    '28.96',
    '28.9',
    'Производство оборудования для обработки пластмасс и резины',
    'Manufacture of plastics and rubber machinery',
  ),
  node(
    '28.96.plastics-machinery',
    '28.96',
    'Экструдеры и термопластавтоматы',
    'Extruders and injection moulding machines',
    ['ТПА', 'экструдеры', 'injection moulding machines'],
  ),
  node(
    '28.99',
    '28.9',
    'Производство прочих машин и оборудования специального назначения, не включённых в другие группировки',
    'Manufacture of other special-purpose machinery n.e.c.',
  ),
  node(
    '28.99.industrial-robot-integration',
    '28.99',
    'Интеграция промышленных роботов',
    'Industrial robot integration',
    ['роботизация', 'робототехнические комплексы', 'robotic cells'],
  ),
  node('28.99.robotic-welding-cells', '28.99', 'Роботизированные сварочные комплексы', 'Robotic welding cells', [
    'сварочные роботы',
    'robotic welding',
  ]),
  node('28.99.assembly-automation', '28.99', 'Автоматизированные сборочные линии', 'Automated assembly lines', [
    'автоматизация сборки',
    'автоматические линии',
    'assembly automation',
  ]),
  node('28.99.custom-machinery', '28.99', 'Нестандартное оборудование под заказ', 'Custom special-purpose machinery', [
    'нестандартное оборудование',
    'спецоборудование',
    'special machines',
  ]),
  node(
    '28.99.3d-printers',
    '28.99',
    'Производство 3D-принтеров и аддитивных установок',
    '3D printer and additive machine manufacturing',
    ['аддитивные установки', '3D-принтеры', 'additive manufacturing machines'],
  ),
  node(
    '28.99.electronics-production-equipment',
    '28.99',
    'Оборудование для производства электроники',
    'Electronics manufacturing equipment',
    ['технологическое оборудование для микроэлектроники', 'semiconductor equipment'],
  ),

  // 29 Motor vehicle parts
  node(
    '29',
    'C',
    'Производство автотранспортных средств, прицепов и полуприцепов',
    'Manufacture of motor vehicles, trailers and semi-trailers',
  ),
  node(
    '29.3',
    '29',
    'Производство комплектующих и принадлежностей для автотранспортных средств',
    'Manufacture of parts and accessories for motor vehicles',
  ),
  node(
    '29.31',
    '29.3',
    'Производство электрического и электронного оборудования для автотранспортных средств',
    'Manufacture of electrical and electronic equipment for motor vehicles',
  ),
  node(
    '29.31.automotive-electronics',
    '29.31',
    'Автомобильная электроника (блоки управления, датчики)',
    'Automotive electronics (ECUs, sensors)',
    ['автоэлектроника', 'ЭБУ', 'ECU'],
  ),
  node('29.31.automotive-wire-harnesses', '29.31', 'Автомобильные жгуты проводов', 'Automotive wire harnesses', [
    'автожгуты',
    'vehicle wiring harness',
  ]),
  node(
    '29.32',
    '29.3',
    'Производство прочих комплектующих и принадлежностей для автотранспортных средств',
    'Manufacture of other parts and accessories for motor vehicles',
  ),
  node(
    '29.32.automotive-components',
    '29.32',
    'Автокомпоненты (узлы шасси, трансмиссии, кузова)',
    'Automotive components (chassis, driveline, body)',
    ['автокомпоненты', 'auto parts'],
  ),
  node('29.32.brake-system-parts', '29.32', 'Детали тормозных систем', 'Brake system parts', [
    'тормозные колодки',
    'brake components',
  ]),

  // 30 Aircraft and UAVs
  node(
    '30',
    'C',
    'Производство прочих транспортных средств и оборудования',
    'Manufacture of other transport equipment',
  ),
  node(
    '30.3',
    '30',
    'Производство летательных аппаратов, включая космические, и соответствующего оборудования',
    'Manufacture of air and spacecraft and related machinery',
  ),
  node(
    '30.30',
    '30.3',
    'Производство летательных аппаратов, включая космические, и соответствующего оборудования',
    'Manufacture of air and spacecraft and related machinery',
  ),
  node('30.30.uav-airframes', '30.30', 'Планеры беспилотных летательных аппаратов', 'UAV airframes', [
    'БПЛА',
    'дроны',
    'drone airframes',
  ]),
  node('30.30.uav-systems', '30.30', 'Беспилотные авиационные системы в сборе', 'Unmanned aircraft systems', [
    'беспилотники',
    'БАС',
    'UAS',
  ]),
  node('30.30.aircraft-components', '30.30', 'Агрегаты и детали авиационной техники', 'Aircraft components', [
    'авиакомпоненты',
    'aerostructures',
  ]),

  // 32 Medical devices
  node('32', 'C', 'Производство прочих готовых изделий', 'Other manufacturing'),
  node(
    '32.5',
    '32',
    'Производство медицинских инструментов и оборудования',
    'Manufacture of medical and dental instruments and supplies',
  ),
  node(
    '32.50',
    '32.5',
    'Производство медицинских инструментов и оборудования',
    'Manufacture of medical and dental instruments and supplies',
    ['медицинские изделия', 'medical devices'],
  ),
  node('32.50.surgical-instruments', '32.50', 'Хирургические инструменты', 'Surgical instruments', [
    'медицинский инструмент',
    'surgical tools',
  ]),
  node('32.50.orthopaedic-implants', '32.50', 'Ортопедические имплантаты и эндопротезы', 'Orthopaedic implants', [
    'эндопротезы',
    'имплантаты',
    'implants',
  ]),
  node('32.50.dental-products', '32.50', 'Стоматологические изделия и материалы', 'Dental products and materials', [
    'стоматология',
    'dental implants',
  ]),
  node(
    '32.50.medical-disposables',
    '32.50',
    'Медицинские изделия однократного применения',
    'Single-use medical devices',
    ['шприцы', 'катетеры', 'medical disposables'],
  ),
  node('32.50.orthoses', '32.50', 'Ортезы и средства реабилитации', 'Orthoses and rehabilitation aids', [
    'ортезы',
    'реабилитация',
    'orthotics',
  ]),

  // 33 Repair and installation
  node('33', 'C', 'Ремонт и монтаж машин и оборудования', 'Repair and installation of machinery and equipment'),
  node(
    '33.1',
    '33',
    'Ремонт изготовленных металлических изделий, машин и оборудования',
    'Repair of fabricated metal products, machinery and equipment',
  ),
  node('33.12', '33.1', 'Ремонт машин и оборудования', 'Repair of machinery'),
  node('33.12.machine-tool-retrofit', '33.12', 'Ремонт и модернизация станков', 'Machine tool repair and retrofit', [
    'модернизация станков',
    'ретрофит',
    'CNC retrofit',
  ]),
  node('33.12.hydraulics-repair', '33.12', 'Ремонт гидравлического оборудования', 'Hydraulic equipment repair', [
    'ремонт гидравлики',
    'hydraulic repair',
  ]),
  node('33.13', '33.1', 'Ремонт электронного и оптического оборудования', 'Repair of electronic and optical equipment'),
  node('33.13.electronics-repair', '33.13', 'Ремонт промышленной электроники', 'Industrial electronics repair', [
    'ремонт плат',
    'ремонт частотных преобразователей',
    'board repair',
  ]),
  node('33.13.medical-equipment-service', '33.13', 'Сервис медицинского оборудования', 'Medical equipment servicing', [
    'ремонт медтехники',
    'biomedical service',
  ]),
  node('33.14', '33.1', 'Ремонт электрического оборудования', 'Repair of electrical equipment'),
  node(
    '33.14.motor-rewinding',
    '33.14',
    'Ремонт и перемотка электродвигателей',
    'Electric motor repair and rewinding',
    ['перемотка', 'motor rewinding'],
  ),
  node('33.2', '33', 'Монтаж промышленных машин и оборудования', 'Installation of industrial machinery and equipment'),
  node(
    '33.20',
    '33.2',
    'Монтаж промышленных машин и оборудования',
    'Installation of industrial machinery and equipment',
  ),
  node(
    '33.20.installation-commissioning',
    '33.20',
    'Монтаж и пусконаладка оборудования',
    'Equipment installation and commissioning',
    ['пусконаладочные работы', 'ПНР', 'commissioning'],
  ),
];

const INFORMATION_AND_COMMUNICATION: readonly CapabilitySeed[] = [
  node('J', null, 'Деятельность в области информации и связи', 'Information and communication', ['ИТ', 'IT']),

  // 62 Software
  node(
    '62',
    'J',
    'Разработка компьютерного программного обеспечения, консультационные услуги в данной области и другие сопутствующие услуги',
    'Computer programming, consultancy and related activities',
  ),
  node(
    '62.0',
    '62',
    'Разработка компьютерного программного обеспечения, консультационные услуги в данной области и другие сопутствующие услуги',
    'Computer programming, consultancy and related activities',
  ),
  node('62.01', '62.0', 'Разработка компьютерного программного обеспечения', 'Computer programming activities', [
    'разработка ПО',
    'software development',
  ]),
  node('62.01.embedded-firmware', '62.01', 'Встраиваемое ПО и прошивки микроконтроллеров', 'Embedded firmware', [
    'встраиваемое ПО',
    'прошивки',
    'firmware',
    'embedded software',
  ]),
  node('62.01.plc-programming', '62.01', 'Программирование ПЛК', 'PLC programming', [
    'программирование контроллеров',
    'ПЛК',
    'PLC',
  ]),
  node('62.01.scada-hmi', '62.01', 'Разработка SCADA и HMI', 'SCADA and HMI development', [
    'SCADA',
    'АРМ оператора',
    'HMI',
  ]),
  node(
    '62.01.mes-systems',
    '62.01',
    'Системы управления производством (MES)',
    'Manufacturing execution systems (MES)',
    ['MES', 'диспетчеризация производства'],
  ),
  node('62.01.erp-development', '62.01', 'Разработка и доработка ERP-систем', 'ERP development and customisation', [
    'ERP',
    'учётные системы',
  ]),
  node('62.01.computer-vision', '62.01', 'Системы компьютерного зрения', 'Computer vision software', [
    'машинное зрение',
    'распознавание изображений',
    'machine vision',
  ]),
  node('62.01.machine-learning', '62.01', 'Машинное обучение и искусственный интеллект', 'Machine learning and AI', [
    'ИИ',
    'нейросети',
    'ML',
    'AI',
  ]),
  node('62.01.cad-cam-software', '62.01', 'Разработка CAD/CAM/CAE-систем', 'CAD/CAM/CAE software development', [
    'САПР',
    'CAD',
    'CAM',
  ]),
  node('62.01.iiot-platforms', '62.01', 'Платформы промышленного интернета вещей', 'Industrial IoT platforms', [
    'IIoT',
    'ПИИ',
    'телеметрия',
  ]),
  node('62.01.digital-twins', '62.01', 'Цифровые двойники', 'Digital twins', ['цифровой двойник', 'digital twin']),
  node('62.01.web-applications', '62.01', 'Разработка веб-приложений', 'Web application development', [
    'веб-разработка',
    'web development',
  ]),
  node('62.01.mobile-applications', '62.01', 'Разработка мобильных приложений', 'Mobile app development', [
    'мобильные приложения',
    'iOS',
    'Android',
  ]),
  node('62.01.security-software', '62.01', 'Средства защиты информации', 'Information security software', [
    'СЗИ',
    'кибербезопасность',
    'cybersecurity',
  ]),
  node(
    '62.02',
    '62.0',
    'Деятельность консультативная и работы в области компьютерных технологий',
    'Computer consultancy activities',
  ),
  node(
    '62.02.software-migration',
    '62.02',
    'Миграция на отечественное программное обеспечение',
    'Migration to domestic software',
    ['импортозамещение ПО', 'переход на отечественное ПО', 'software migration'],
  ),
  node('62.02.systems-integration', '62.02', 'Системная интеграция', 'Systems integration', [
    'системный интегратор',
    'IT integration',
  ]),
  node('62.02.it-consulting', '62.02', 'ИТ-консалтинг и аудит', 'IT consulting and audit', ['ИТ-аудит', 'IT audit']),

  node(
    '62.09',
    '62.0',
    'Деятельность, связанная с использованием вычислительной техники и информационных технологий, прочая',
    'Other information technology and computer service activities',
  ),
  node('62.09.it-infrastructure-support', '62.09', 'Сопровождение ИТ-инфраструктуры', 'IT infrastructure support', [
    'техподдержка',
    'администрирование',
    'IT support',
  ]),
  node(
    '62.09.software-installation',
    '62.09',
    'Установка и настройка программного обеспечения',
    'Software installation and setup',
    ['внедрение ПО', 'software deployment'],
  ),

  // 63 Information services
  node('63', 'J', 'Деятельность в области информационных технологий', 'Information service activities'),
  node(
    '63.1',
    '63',
    'Деятельность по обработке данных, предоставление услуг по размещению информации, деятельность порталов',
    'Data processing, hosting and related activities; web portals',
  ),
  node(
    '63.11',
    '63.1',
    'Деятельность по обработке данных, предоставление услуг по размещению информации и связанная с этим деятельность',
    'Data processing, hosting and related activities',
  ),
  node('63.11.cloud-hosting', '63.11', 'Облачный хостинг и услуги ЦОД', 'Cloud hosting and data centre services', [
    'ЦОД',
    'облачные сервисы',
    'hosting',
  ]),
  node('63.11.data-analytics', '63.11', 'Обработка и анализ данных', 'Data processing and analytics', [
    'аналитика данных',
    'big data',
    'BI',
  ]),
  node(
    '63.11.data-labelling',
    '63.11',
    'Разметка данных для машинного обучения',
    'Data labelling for machine learning',
    ['разметка датасетов', 'data annotation'],
  ),
];

const PROFESSIONAL_SCIENTIFIC_TECHNICAL: readonly CapabilitySeed[] = [
  node(
    'M',
    null,
    'Деятельность профессиональная, научная и техническая',
    'Professional, scientific and technical activities',
  ),

  // 71 Engineering, testing
  node(
    '71',
    'M',
    'Деятельность в области архитектуры и инженерно-технического проектирования; технических испытаний, исследований и анализа',
    'Architectural and engineering activities; technical testing and analysis',
  ),
  node(
    '71.1',
    '71',
    'Деятельность в области архитектуры, инженерных изысканий и предоставление технических консультаций в этих областях',
    'Architectural and engineering activities and related technical consultancy',
  ),
  node(
    '71.12',
    '71.1',
    'Инженерно-техническое проектирование и технические консультации',
    'Engineering activities and related technical consultancy',
    ['инжиниринг', 'engineering'],
  ),
  node(
    '71.12.mechanical-design',
    '71.12',
    'Конструирование изделий и разработка КД',
    'Mechanical design and drawings',
    ['конструкторская документация', 'КД', 'CAD design'],
  ),
  node('71.12.pcb-design', '71.12', 'Проектирование печатных плат', 'PCB design', [
    'трассировка плат',
    'разводка плат',
    'PCB layout',
  ]),
  node(
    '71.12.electronics-design',
    '71.12',
    'Разработка электронных схем и устройств',
    'Electronic circuit and device design',
    ['схемотехника', 'разработка электроники', 'hardware design'],
  ),
  node(
    '71.12.reverse-engineering',
    '71.12',
    'Обратный инжиниринг и 3D-сканирование',
    'Reverse engineering and 3D scanning',
    ['реверс-инжиниринг', '3D-сканирование', '3D scanning'],
  ),
  node('71.12.engineering-simulation', '71.12', 'Инженерные расчёты (МКЭ, CFD)', 'Engineering simulation (FEA, CFD)', [
    'прочностные расчёты',
    'CAE',
    'FEA',
  ]),
  node('71.12.process-control-design', '71.12', 'Проектирование АСУ ТП', 'Process control system design', [
    'АСУ ТП',
    'проектирование автоматизации',
    'automation engineering',
  ]),
  node('71.12.tooling-design', '71.12', 'Проектирование оснастки и пресс-форм', 'Tooling and mould design', [
    'проектирование пресс-форм',
    'mould design',
  ]),
  node(
    '71.12.process-engineering',
    '71.12',
    'Разработка технологических процессов',
    'Manufacturing process engineering',
    ['технологическая подготовка производства', 'ТПП', 'CAM programming'],
  ),
  node('71.2', '71', 'Технические испытания, исследования, анализ и сертификация', 'Technical testing and analysis'),
  node('71.20', '71.2', 'Технические испытания, исследования, анализ и сертификация', 'Technical testing and analysis'),
  node('71.20.emc-testing', '71.20', 'Испытания на электромагнитную совместимость', 'EMC testing', ['ЭМС', 'EMC']),
  node('71.20.climatic-testing', '71.20', 'Климатические испытания', 'Climatic and environmental testing', [
    'термоциклирование',
    'environmental testing',
  ]),
  node(
    '71.20.vibration-testing',
    '71.20',
    'Механические и вибрационные испытания',
    'Mechanical and vibration testing',
    ['вибростенд', 'ударные испытания', 'shock testing'],
  ),
  node('71.20.ndt-inspection', '71.20', 'Неразрушающий контроль', 'Non-destructive testing services', [
    'НК',
    'дефектоскопия',
    'NDT',
  ]),
  node('71.20.materials-analysis', '71.20', 'Анализ состава и свойств материалов', 'Materials analysis', [
    'химический анализ',
    'металлография',
    'materials testing',
  ]),
  node('71.20.calibration', '71.20', 'Калибровка и поверка средств измерений', 'Calibration of measuring instruments', [
    'поверка',
    'метрология',
    'calibration',
  ]),
  node('71.20.cmm-inspection', '71.20', 'Координатно-измерительный контроль деталей', 'CMM dimensional inspection', [
    'контроль геометрии',
    'dimensional inspection',
  ]),
  node(
    '71.20.product-certification',
    '71.20',
    'Сертификация продукции по техническим регламентам ЕАЭС',
    'Product certification to EAEU technical regulations',
    ['сертификация', 'декларирование', 'ТР ТС', 'EAC'],
  ),
  node('71.20.medical-device-testing', '71.20', 'Испытания медицинских изделий', 'Medical device testing', [
    'технические испытания медизделий',
    'medical device verification',
  ]),

  // 72 R&D
  node('72', 'M', 'Научные исследования и разработки', 'Scientific research and development', ['НИОКР', 'R&D']),
  node(
    '72.1',
    '72',
    'Научные исследования и разработки в области естественных и технических наук',
    'Research and experimental development on natural sciences and engineering',
  ),
  node(
    '72.11',
    '72.1',
    'Научные исследования и разработки в области биотехнологии',
    'Research and experimental development on biotechnology',
  ),
  node('72.11.bioprocess-development', '72.11', 'Разработка биотехнологических процессов', 'Bioprocess development', [
    'биотехнология',
    'ферментация',
    'bioprocessing',
  ]),
  node(
    '72.19',
    '72.1',
    'Научные исследования и разработки в области естественных и технических наук прочие',
    'Other research and experimental development on natural sciences and engineering',
  ),
  node('72.19.materials-rnd', '72.19', 'Разработка новых материалов', 'New materials R&D', [
    'материаловедение',
    'materials science',
  ]),
  node('72.19.prototype-development', '72.19', 'Разработка и изготовление опытных образцов', 'Prototype development', [
    'ОКР',
    'опытные образцы',
    'прототипирование',
    'prototyping',
  ]),
  node(
    '72.19.electronics-rnd',
    '72.19',
    'НИОКР в области электроники и приборостроения',
    'Electronics and instrumentation R&D',
    ['приборостроение', 'electronics research'],
  ),
  node(
    '72.19.photonics-rnd',
    '72.19',
    'Исследования в области фотоники и лазерной техники',
    'Photonics and laser R&D',
    ['фотоника', 'лазерная техника', 'photonics'],
  ),
  node('72.19.chemical-process-rnd', '72.19', 'Разработка химических технологий', 'Chemical process R&D', [
    'химическая технология',
    'scale-up',
  ]),
  node(
    '72.19.additive-process-rnd',
    '72.19',
    'Разработка технологий аддитивного производства',
    'Additive manufacturing process development',
    ['аддитивные технологии', 'AM process development'],
  ),

  // 74 Design
  node(
    '74',
    'M',
    'Деятельность профессиональная научная и техническая прочая',
    'Other professional, scientific and technical activities',
  ),
  node('74.1', '74', 'Деятельность специализированная в области дизайна', 'Specialised design activities'),
  node('74.10', '74.1', 'Деятельность специализированная в области дизайна', 'Specialised design activities'),
  node('74.10.industrial-design', '74.10', 'Промышленный дизайн', 'Industrial design', [
    'дизайн изделий',
    'product design',
  ]),
  node('74.10.ux-design', '74.10', 'Дизайн интерфейсов (UX/UI)', 'UX/UI design', [
    'дизайн интерфейсов',
    'UI design',
    'UX',
  ]),
];

/** The capability taxonomy shipped with the schema. Parents always precede their children. */
export const CAPABILITIES: readonly CapabilitySeed[] = [
  ...MANUFACTURING,
  ...INFORMATION_AND_COMMUNICATION,
  ...PROFESSIONAL_SCIENTIFIC_TECHNICAL,
];
