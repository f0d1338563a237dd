/** ISO 3166-1 alpha-2 codes of the countries TechnoMatch serves: the BY+RU cluster and partners KZ, KG, UZ. */
export type CountryCode = 'BY' | 'RU' | 'KZ' | 'KG' | 'UZ';

export const COUNTRY_CODES: readonly CountryCode[] = ['BY', 'RU', 'KZ', 'KG', 'UZ'];

/**
 * A first-level administrative unit. `lat`/`lon` are those of its administrative centre (decimal degrees),
 * used for great-circle distances between regions. `isoListed` is false for codes that ISO 3166-2 does not
 * publish and that TechnoMatch assigns itself.
 */
export interface RegionSeed {
  code: string;
  country: CountryCode;
  nameRu: string;
  nameEn: string;
  centreRu: string;
  centreEn: string;
  lat: number;
  lon: number;
  isoListed: boolean;
}

type RegionRow = readonly [
  code: string,
  nameRu: string,
  nameEn: string,
  centreRu: string,
  centreEn: string,
  lat: number,
  lon: number,
];

function regionsFrom(country: CountryCode, rows: readonly RegionRow[], isoListed = true): RegionSeed[] {
  return rows.map(([code, nameRu, nameEn, centreRu, centreEn, lat, lon]) => ({
    code,
    country,
    nameRu,
    nameEn,
    centreRu,
    centreEn,
    lat,
    lon,
    isoListed,
  }));
}

/** ISO 3166-2:BY: six oblasts and the city of Minsk, which is also the centre of Minsk oblast. */
const BELARUS: readonly RegionRow[] = [
  ['BY-BR', 'Брестская область', 'Brest Region', 'Брест', 'Brest', 52.0976, 23.7341],
  ['BY-HO', 'Гомельская область', 'Gomel Region', 'Гомель', 'Gomel', 52.4345, 30.9754],
  ['BY-HR', 'Гродненская область', 'Grodno Region', 'Гродно', 'Grodno', 53.6694, 23.8131],
  ['BY-MA', 'Могилёвская область', 'Mogilev Region', 'Могилёв', 'Mogilev', 53.9007, 30.3313],
  ['BY-MI', 'Минская область', 'Minsk Region', 'Минск', 'Minsk', 53.9006, 27.559],
  ['BY-VI', 'Витебская область', 'Vitebsk Region', 'Витебск', 'Vitebsk', 55.1904, 30.2049],
  ['BY-HM', 'Минск', 'Minsk', 'Минск', 'Minsk', 53.9006, 27.559],
];

/** The 83 federal subjects listed in ISO 3166-2:RU. */
const RUSSIA_ISO: readonly RegionRow[] = [
  // Republics
  ['RU-AD', 'Республика Адыгея', 'Republic of Adygea', 'Майкоп', 'Maykop', 44.6078, 40.1058],
  ['RU-AL', 'Республика Алтай', 'Altai Republic', 'Горно-Алтайск', 'Gorno-Altaysk', 51.9581, 85.9603],
  ['RU-BA', 'Республика Башкортостан', 'Republic of Bashkortostan', 'Уфа', 'Ufa', 54.7351, 55.9587],
  ['RU-BU', 'Республика Бурятия', 'Republic of Buryatia', 'Улан-Удэ', 'Ulan-Ude', 51.8272, 107.6063],
  ['RU-DA', 'Республика Дагестан', 'Republic of Dagestan', 'Махачкала', 'Makhachkala', 42.9831, 47.5047],
  ['RU-IN', 'Республика Ингушетия', 'Republic of Ingushetia', 'Магас', 'Magas', 43.1667, 44.8089],
  ['RU-KB', 'Кабардино-Балкарская Республика', 'Kabardino-Balkarian Republic', 'Нальчик', 'Nalchik', 43.4846, 43.6071],
  ['RU-KL', 'Республика Калмыкия', 'Republic of Kalmykia', 'Элиста', 'Elista', 46.3083, 44.2558],
  ['RU-KC', 'Карачаево-Черкесская Республика', 'Karachay-Cherkess Republic', 'Черкесск', 'Cherkessk', 44.2269, 42.0467],
  ['RU-KR', 'Республика Карелия', 'Republic of Karelia', 'Петрозаводск', 'Petrozavodsk', 61.7891, 34.3596],
  ['RU-KO', 'Республика Коми', 'Komi Republic', 'Сыктывкар', 'Syktyvkar', 61.6681, 50.8372],
  ['RU-ME', 'Республика Марий Эл', 'Mari El Republic', 'Йошкар-Ола', 'Yoshkar-Ola', 56.6388, 47.8908],
  ['RU-MO', 'Республика Мордовия', 'Republic of Mordovia', 'Саранск', 'Saransk', 54.1874, 45.1839],
  ['RU-SA', 'Республика Саха (Якутия)', 'Sakha (Yakutia) Republic', 'Якутск', 'Yakutsk', 62.0278, 129.7042],
  [
    'RU-SE',
    'Республика Северная Осетия — Алания',
    'Republic of North Ossetia–Alania',
    'Владикавказ',
    'Vladikavkaz',
    43.0205,
    44.6819,
  ],
  ['RU-TA', 'Республика Татарстан', 'Republic of Tatarstan', 'Казань', 'Kazan', 55.7963, 49.1088],
  ['RU-TY', 'Республика Тыва', 'Tuva Republic', 'Кызыл', 'Kyzyl', 51.7191, 94.4378],
  ['RU-UD', 'Удмуртская Республика', 'Udmurt Republic', 'Ижевск', 'Izhevsk', 56.8526, 53.2045],
  ['RU-KK', 'Республика Хакасия', 'Republic of Khakassia', 'Абакан', 'Abakan', 53.7211, 91.4425],
  ['RU-CE', 'Чеченская Республика', 'Chechen Republic', 'Грозный', 'Grozny', 43.318, 45.6982],
  ['RU-CU', 'Чувашская Республика — Чувашия', 'Chuvash Republic', 'Чебоксары', 'Cheboksary', 56.1463, 47.2511],
  // Krais
  ['RU-ALT', 'Алтайский край', 'Altai Krai', 'Барнаул', 'Barnaul', 53.3481, 83.7798],
  ['RU-ZAB', 'Забайкальский край', 'Zabaykalsky Krai', 'Чита', 'Chita', 52.034, 113.4994],
  [
    'RU-KAM',
    'Камчатский край',
    'Kamchatka Krai',
    'Петропавловск-Камчатский',
    'Petropavlovsk-Kamchatsky',
    53.037,
    158.6559,
  ],
  ['RU-KDA', 'Краснодарский край', 'Krasnodar Krai', 'Краснодар', 'Krasnodar', 45.0393, 38.9872],
  ['RU-KYA', 'Красноярский край', 'Krasnoyarsk Krai', 'Красноярск', 'Krasnoyarsk', 56.0097, 92.8523],
  ['RU-PER', 'Пермский край', 'Perm Krai', 'Пермь', 'Perm', 58.0105, 56.2502],
  ['RU-PRI', 'Приморский край', 'Primorsky Krai', 'Владивосток', 'Vladivostok', 43.1155, 131.8855],
  ['RU-STA', 'Ставропольский край', 'Stavropol Krai', 'Ставрополь', 'Stavropol', 45.0445, 41.9691],
  ['RU-KHA', 'Хабаровский край', 'Khabarovsk Krai', 'Хабаровск', 'Khabarovsk', 48.4827, 135.0838],
  // Oblasts
  ['RU-AMU', 'Амурская область', 'Amur Oblast', 'Благовещенск', 'Blagoveshchensk', 50.2907, 127.5272],
  ['RU-ARK', 'Архангельская область', 'Arkhangelsk Oblast', 'Архангельск', 'Arkhangelsk', 64.5393, 40.5187],
  ['RU-AST', 'Астраханская область', 'Astrakhan Oblast', 'Астрахань', 'Astrakhan', 46.3497, 48.0408],
  ['RU-BEL', 'Белгородская область', 'Belgorod Oblast', 'Белгород', 'Belgorod', 50.5997, 36.5983],
  ['RU-BRY', 'Брянская область', 'Bryansk Oblast', 'Брянск', 'Bryansk', 53.2521, 34.3717],
  ['RU-VLA', 'Владимирская область', 'Vladimir Oblast', 'Владимир', 'Vladimir', 56.129, 40.4066],
  ['RU-VGG', 'Волгоградская область', 'Volgograd Oblast', 'Волгоград', 'Volgograd', 48.708, 44.5133],
  ['RU-VLG', 'Вологодская область', 'Vologda Oblast', 'Вологда', 'Vologda', 59.2181, 39.8886],
  ['RU-VOR', 'Воронежская область', 'Voronezh Oblast', 'Воронеж', 'Voronezh', 51.672, 39.1843],
  ['RU-IVA', 'Ивановская область', 'Ivanovo Oblast', 'Иваново', 'Ivanovo', 57.0004, 40.9739],
  ['RU-IRK', 'Иркутская область', 'Irkutsk Oblast', 'Иркутск', 'Irkutsk', 52.2978, 104.2964],
  ['RU-KGD', 'Калининградская область', 'Kaliningrad Oblast', 'Калининград', 'Kaliningrad', 54.7104, 20.4522],
  ['RU-KLU', 'Калужская область', 'Kaluga Oblast', 'Калуга', 'Kaluga', 54.5138, 36.2612],
  ['RU-KEM', 'Кемеровская область — Кузбасс', 'Kemerovo Oblast – Kuzbass', 'Кемерово', 'Kemerovo', 55.3547, 86.0873],
  ['RU-KIR', 'Кировская область', 'Kirov Oblast', 'Киров', 'Kirov', 58.6036, 49.668],
  ['RU-KOS', 'Костромская область', 'Kostroma Oblast', 'Кострома', 'Kostroma', 57.7679, 40.9269],
  ['RU-KGN', 'Курганская область', 'Kurgan Oblast', 'Курган', 'Kurgan', 55.441, 65.3411],
  ['RU-KRS', 'Курская область', 'Kursk Oblast', 'Курск', 'Kursk', 51.7304, 36.1926],
  // Gatchina is the oblast's centre by regional law (2021); most of its government still sits in Saint Petersburg.
  ['RU-LEN', 'Ленинградская область', 'Leningrad Oblast', 'Гатчина', 'Gatchina', 59.5764, 30.1283],
  ['RU-LIP', 'Липецкая область', 'Lipetsk Oblast', 'Липецк', 'Lipetsk', 52.6088, 39.5992],
  ['RU-MAG', 'Магаданская область', 'Magadan Oblast', 'Магадан', 'Magadan', 59.5612, 150.8301],
  // Moscow Oblast has no centre fixed in law; its government sits in Krasnogorsk.
  ['RU-MOS', 'Московская область', 'Moscow Oblast', 'Красногорск', 'Krasnogorsk', 55.8317, 37.33],
  ['RU-MUR', 'Мурманская область', 'Murmansk Oblast', 'Мурманск', 'Murmansk', 68.9707, 33.0749],
  ['RU-NIZ', 'Нижегородская область', 'Nizhny Novgorod Oblast', 'Нижний Новгород', 'Nizhny Novgorod', 56.3269, 44.0059],
  ['RU-NGR', 'Новгородская область', 'Novgorod Oblast', 'Великий Новгород', 'Veliky Novgorod', 58.5213, 31.271],
  ['RU-NVS', 'Новосибирская область', 'Novosibirsk Oblast', 'Новосибирск', 'Novosibirsk', 55.0302, 82.9204],
  ['RU-OMS', 'Омская область', 'Omsk Oblast', 'Омск', 'Omsk', 54.9893, 73.3682],
  ['RU-ORE', 'Оренбургская область', 'Orenburg Oblast', 'Оренбург', 'Orenburg', 51.7727, 55.0988],
  ['RU-ORL', 'Орловская область', 'Oryol Oblast', 'Орёл', 'Oryol', 52.9671, 36.0696],
  ['RU-PNZ', 'Пензенская область', 'Penza Oblast', 'Пенза', 'Penza', 53.195, 45.0183],
  ['RU-PSK', 'Псковская область', 'Pskov Oblast', 'Псков', 'Pskov', 57.8136, 28.3496],
  ['RU-ROS', 'Ростовская область', 'Rostov Oblast', 'Ростов-на-Дону', 'Rostov-on-Don', 47.2357, 39.7015],
  ['RU-RYA', 'Рязанская область', 'Ryazan Oblast', 'Рязань', 'Ryazan', 54.6269, 39.6916],
  ['RU-SAM', 'Самарская область', 'Samara Oblast', 'Самара', 'Samara', 53.1959, 50.1002],
  ['RU-SAR', 'Саратовская область', 'Saratov Oblast', 'Саратов', 'Saratov', 51.5336, 46.0343],
  ['RU-SAK', 'Сахалинская область', 'Sakhalin Oblast', 'Южно-Сахалинск', 'Yuzhno-Sakhalinsk', 46.9591, 142.738],
  ['RU-SVE', 'Свердловская область', 'Sverdlovsk Oblast', 'Екатеринбург', 'Yekaterinburg', 56.8389, 60.6057],
  ['RU-SMO', 'Смоленская область', 'Smolensk Oblast', 'Смоленск', 'Smolensk', 54.7826, 32.0453],
  ['RU-TAM', 'Тамбовская область', 'Tambov Oblast', 'Тамбов', 'Tambov', 52.7212, 41.4523],
  ['RU-TVE', 'Тверская область', 'Tver Oblast', 'Тверь', 'Tver', 56.8587, 35.9176],
  ['RU-TOM', 'Томская область', 'Tomsk Oblast', 'Томск', 'Tomsk', 56.4847, 84.9482],
  ['RU-TUL', 'Тульская область', 'Tula Oblast', 'Тула', 'Tula', 54.1931, 37.6173],
  ['RU-TYU', 'Тюменская область', 'Tyumen Oblast', 'Тюмень', 'Tyumen', 57.153, 65.5343],
  ['RU-ULY', 'Ульяновская область', 'Ulyanovsk Oblast', 'Ульяновск', 'Ulyanovsk', 54.3142, 48.4031],
  ['RU-CHE', 'Челябинская область', 'Chelyabinsk Oblast', 'Челябинск', 'Chelyabinsk', 55.1644, 61.4368],
  ['RU-YAR', 'Ярославская область', 'Yaroslavl Oblast', 'Ярославль', 'Yaroslavl', 57.6261, 39.8845],
  // Federal cities
  ['RU-MOW', 'Москва', 'Moscow', 'Москва', 'Moscow', 55.7558, 37.6173],
  ['RU-SPE', 'Санкт-Петербург', 'Saint Petersburg', 'Санкт-Петербург', 'Saint Petersburg', 59.9386, 30.3141],
  // Autonomous oblast and okrugs
  [
    'RU-YEV',
    'Еврейская автономная область',
    'Jewish Autonomous Oblast',
    'Биробиджан',
    'Birobidzhan',
    48.7928,
    132.9249,
  ],
  ['RU-NEN', 'Ненецкий автономный округ', 'Nenets Autonomous Okrug', 'Нарьян-Мар', 'Naryan-Mar', 67.6381, 53.0069],
  [
    'RU-KHM',
    'Ханты-Мансийский автономный округ — Югра',
    'Khanty-Mansi Autonomous Okrug – Yugra',
    'Ханты-Мансийск',
    'Khanty-Mansiysk',
    61.0042,
    69.0019,
  ],
  ['RU-CHU', 'Чукотский автономный округ', 'Chukotka Autonomous Okrug', 'Анадырь', 'Anadyr', 64.7337, 177.5089],
  [
    'RU-YAN',
    'Ямало-Ненецкий автономный округ',
    'Yamalo-Nenets Autonomous Okrug',
    'Салехард',
    'Salekhard',
    66.5299,
    66.6136,
  ],
];

/**
 * Federal subjects of Russia that ISO 3166-2:RU does not list. Their codes are TechnoMatch's own, shaped like the
 * ISO ones; renaming one would orphan every resident and task stored against it. Centres are those named in Russian
 * law (the Zaporozhye and Kherson regional bodies sit in Melitopol and Henichesk, 110 and 175 km away).
 */
const RUSSIA_UNLISTED: readonly RegionRow[] = [
  ['RU-CR', 'Республика Крым', 'Republic of Crimea', 'Симферополь', 'Simferopol', 44.9521, 34.1024],
  ['RU-SEV', 'Севастополь', 'Sevastopol', 'Севастополь', 'Sevastopol', 44.6167, 33.5254],
  ['RU-DON', 'Донецкая Народная Республика', "Donetsk People's Republic", 'Донецк', 'Donetsk', 48.0159, 37.8028],
  ['RU-LUG', 'Луганская Народная Республика', "Luhansk People's Republic", 'Луганск', 'Luhansk', 48.574, 39.3078],
  ['RU-ZAP', 'Запорожская область', 'Zaporozhye Oblast', 'Запорожье', 'Zaporozhye', 47.8388, 35.1396],
  ['RU-KHE', 'Херсонская область', 'Kherson Oblast', 'Херсон', 'Kherson', 46.6354, 32.6169],
];

/** ISO 3166-2:KZ after the 2020 switch to numeric codes and the 2022 regions (Abai, Zhetysu, Ulytau). */
const KAZAKHSTAN: readonly RegionRow[] = [
  ['KZ-10', 'область Абай', 'Abai Region', 'Семей', 'Semey', 50.4111, 80.2275],
  ['KZ-11', 'Акмолинская область', 'Akmola Region', 'Кокшетау', 'Kokshetau', 53.2833, 69.3833],
  ['KZ-15', 'Актюбинская область', 'Aktobe Region', 'Актобе', 'Aktobe', 50.2797, 57.2072],
  ['KZ-19', 'Алматинская область', 'Almaty Region', 'Конаев', 'Konaev', 43.8669, 77.0631],
  ['KZ-23', 'Атырауская область', 'Atyrau Region', 'Атырау', 'Atyrau', 47.0945, 51.9238],
  ['KZ-27', 'Западно-Казахстанская область', 'West Kazakhstan Region', 'Уральск', 'Oral', 51.2333, 51.3667],
  ['KZ-31', 'Жамбылская область', 'Zhambyl Region', 'Тараз', 'Taraz', 42.9, 71.3667],
  ['KZ-33', 'область Жетісу', 'Zhetysu Region', 'Талдыкорган', 'Taldykorgan', 45.0156, 78.3739],
  ['KZ-35', 'Карагандинская область', 'Karaganda Region', 'Караганда', 'Karaganda', 49.8047, 73.1094],
  ['KZ-39', 'Костанайская область', 'Kostanay Region', 'Костанай', 'Kostanay', 53.2144, 63.6246],
  ['KZ-43', 'Кызылординская область', 'Kyzylorda Region', 'Кызылорда', 'Kyzylorda', 44.8479, 65.4999],
  ['KZ-47', 'Мангистауская область', 'Mangystau Region', 'Актау', 'Aktau', 43.6481, 51.1722],
  ['KZ-55', 'Павлодарская область', 'Pavlodar Region', 'Павлодар', 'Pavlodar', 52.2873, 76.9674],
  ['KZ-59', 'Северо-Казахстанская область', 'North Kazakhstan Region', 'Петропавловск', 'Petropavl', 54.8728, 69.143],
  ['KZ-61', 'Туркестанская область', 'Turkistan Region', 'Туркестан', 'Turkistan', 43.2973, 68.2518],
  ['KZ-62', 'область Ұлытау', 'Ulytau Region', 'Жезказган', 'Zhezkazgan', 47.7836, 67.7144],
  ['KZ-63', 'Восточно-Казахстанская область', 'East Kazakhstan Region', 'Усть-Каменогорск', 'Oskemen', 49.948, 82.628],
  ['KZ-71', 'Астана', 'Astana', 'Астана', 'Astana', 51.1694, 71.4491],
  ['KZ-75', 'Алматы', 'Almaty', 'Алматы', 'Almaty', 43.238, 76.945],
  ['KZ-79', 'Шымкент', 'Shymkent', 'Шымкент', 'Shymkent', 42.3417, 69.5901],
];

/** ISO 3166-2:KG: seven regions and the cities of Bishkek and Osh, which are also the centres of Chuy and Osh regions. */
const KYRGYZSTAN: readonly RegionRow[] = [
  ['KG-B', 'Баткенская область', 'Batken Region', 'Баткен', 'Batken', 40.0625, 70.8194],
  ['KG-C', 'Чуйская область', 'Chuy Region', 'Бишкек', 'Bishkek', 42.8746, 74.5698],
  ['KG-J', 'Джалал-Абадская область', 'Jalal-Abad Region', 'Джалал-Абад', 'Jalal-Abad', 40.9333, 72.9815],
  ['KG-N', 'Нарынская область', 'Naryn Region', 'Нарын', 'Naryn', 41.4287, 75.9911],
  ['KG-O', 'Ошская область', 'Osh Region', 'Ош', 'Osh', 40.5283, 72.7985],
  ['KG-T', 'Таласская область', 'Talas Region', 'Талас', 'Talas', 42.5228, 72.2427],
  ['KG-Y', 'Иссык-Кульская область', 'Issyk-Kul Region', 'Каракол', 'Karakol', 42.4907, 78.3936],
  ['KG-GB', 'Бишкек', 'Bishkek', 'Бишкек', 'Bishkek', 42.8746, 74.5698],
  ['KG-GO', 'Ош', 'Osh', 'Ош', 'Osh', 40.5283, 72.7985],
];

/** ISO 3166-2:UZ: twelve regions, the Republic of Karakalpakstan and the city of Tashkent. */
const UZBEKISTAN: readonly RegionRow[] = [
  ['UZ-AN', 'Андижанская область', 'Andijan Region', 'Андижан', 'Andijan', 40.7821, 72.3442],
  ['UZ-BU', 'Бухарская область', 'Bukhara Region', 'Бухара', 'Bukhara', 39.7747, 64.4286],
  ['UZ-FA', 'Ферганская область', 'Fergana Region', 'Фергана', 'Fergana', 40.3842, 71.7843],
  ['UZ-JI', 'Джизакская область', 'Jizzakh Region', 'Джизак', 'Jizzakh', 40.1158, 67.8422],
  ['UZ-NG', 'Наманганская область', 'Namangan Region', 'Наманган', 'Namangan', 40.9983, 71.6726],
  ['UZ-NW', 'Навоийская область', 'Navoiy Region', 'Навои', 'Navoiy', 40.0844, 65.3792],
  ['UZ-QA', 'Кашкадарьинская область', 'Kashkadarya Region', 'Карши', 'Karshi', 38.8606, 65.7891],
  ['UZ-QR', 'Республика Каракалпакстан', 'Republic of Karakalpakstan', 'Нукус', 'Nukus', 42.46, 59.61],
  ['UZ-SA', 'Самаркандская область', 'Samarkand Region', 'Самарканд', 'Samarkand', 39.6542, 66.9597],
  ['UZ-SI', 'Сырдарьинская область', 'Syrdarya Region', 'Гулистан', 'Gulistan', 40.4897, 68.7842],
  ['UZ-SU', 'Сурхандарьинская область', 'Surkhandarya Region', 'Термез', 'Termez', 37.2242, 67.2783],
  // Nurafshon replaced Tashkent city as the region's centre in 2017.
  ['UZ-TO', 'Ташкентская область', 'Tashkent Region', 'Нурафшан', 'Nurafshon', 41.0414, 69.3575],
  ['UZ-XO', 'Хорезмская область', 'Khorezm Region', 'Ургенч', 'Urgench', 41.55, 60.6333],
  ['UZ-TK', 'Ташкент', 'Tashkent', 'Ташкент', 'Tashkent', 41.2995, 69.2401],
];

/** Every region TechnoMatch knows, keyed by `code` (unique across countries). */
export const REGIONS: readonly RegionSeed[] = [
  ...regionsFrom('BY', BELARUS),
  ...regionsFrom('RU', RUSSIA_ISO),
  ...regionsFrom('RU', RUSSIA_UNLISTED, false),
  ...regionsFrom('KZ', KAZAKHSTAN),
  ...regionsFrom('KG', KYRGYZSTAN),
  ...regionsFrom('UZ', UZBEKISTAN),
];

export const REGION_CODES: readonly string[] = REGIONS.map((region) => region.code);

/** The regions of one country, in reference-data order. */
export function regionsOf(country: CountryCode): RegionSeed[] {
  return REGIONS.filter((region) => region.country === country);
}
