import type { DashboardLanguage } from '../dashboard-i18n';
import type { RangeProblem } from './overview-range';

/** The overview's charts, queue figures and date range form, in each dashboard language. */
export interface OverviewCopy {
  now: string;
  range: { legend: string; from: string; to: string; show: string; showing: (from: string, to: string) => string };
  rangeProblems: Record<RangeProblem, string>;
  showingDefault: string;
  data: string;
  matchesPerDay: {
    title: string;
    day: string;
    matches: string;
    describe: (total: number, days: number, busiest: { day: string; count: number } | null) => string;
    empty: string;
  };
  funnel: {
    title: string;
    step: string;
    count: string;
    conversion: string;
    steps: { tasks: string; matched: string; notified: string; interested: string };
    describe: (tasks: number, matched: number, notified: number, interested: number) => string;
    note: string;
  };
  scores: {
    title: string;
    bucket: string;
    matches: string;
    describe: (total: number) => string;
    empty: string;
  };
  regions: {
    title: string;
    region: string;
    interested: string;
    declined: string;
    describe: (regions: number) => string;
    empty: string;
  };
  queues: {
    title: string;
    queue: string;
    waiting: string;
    active: string;
    delayed: string;
    failed: string;
    unavailable: string;
    names: Record<string, string>;
    board: string;
  };
}

const percent = (language: DashboardLanguage) => (share: number) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );

export const formatShare = (language: DashboardLanguage, share: number): string => percent(language)(share);

export const OVERVIEW_COPY: Record<DashboardLanguage, OverviewCopy> = {
  ru: {
    now: 'Сейчас',
    range: {
      legend: 'Период графиков',
      from: 'С',
      to: 'По',
      show: 'Показать',
      showing: (from, to) => `Графики за ${from} — ${to} (время Минска)`,
    },
    rangeProblems: {
      'invalid-date': 'Даты периода должны быть в формате ГГГГ-ММ-ДД.',
      reversed: 'Начало периода позже его конца.',
      'too-long': 'Период не может быть длиннее 366 дней.',
    },
    showingDefault: 'Показаны последние 30 дней.',
    data: 'Данные графика',
    matchesPerDay: {
      title: 'Совпадения по дням',
      day: 'День',
      matches: 'Совпадений',
      describe: (total, days, busiest) =>
        `${total} совпадений за ${days} дн.` + (busiest ? ` Больше всего ${busiest.day}: ${busiest.count}.` : ''),
      empty: 'Нет совпадений за период',
    },
    funnel: {
      title: 'Воронка: задача → совпадение → уведомление → интерес',
      step: 'Этап',
      count: 'Задач',
      conversion: 'Конверсия',
      steps: {
        tasks: 'Задачи за период',
        matched: 'с совпадением',
        notified: 'с уведомлённым резидентом',
        interested: 'с заинтересованным резидентом',
      },
      describe: (tasks, matched, notified, interested) =>
        `Из ${tasks} задач ${matched} получили совпадения, по ${notified} резидентам отправлены письма, по ${interested} есть интерес.`,
      note: 'Считаются задачи, созданные за период; конверсия — доля от предыдущего этапа.',
    },
    scores: {
      title: 'Распределение оценок',
      bucket: 'Оценка',
      matches: 'Совпадений',
      describe: (total) => `Оценки ${total} совпадений за период, интервалы по 0,1.`,
      empty: 'Нет совпадений за период',
    },
    regions: {
      title: 'Ответы по регионам',
      region: 'Регион',
      interested: 'Интересно',
      declined: 'Отказ',
      describe: (regions) =>
        regions > 0 ? `Ответы резидентов за период в ${regions} регионах.` : 'Ответов за период нет.',
      empty: 'Ответов за период нет',
    },
    queues: {
      title: 'Очереди',
      queue: 'Очередь',
      waiting: 'Ожидают',
      active: 'В работе',
      delayed: 'Отложены',
      failed: 'С ошибкой',
      unavailable: 'Данные об очередях недоступны: Redis не отвечает. Остальные данные страницы актуальны.',
      names: {
        matching: 'Подбор',
        notifications: 'Уведомления',
        webhooks: 'Вебхуки',
        'resident-imports': 'Импорт резидентов',
      },
      board: 'Открыть Bull Board',
    },
  },
  en: {
    now: 'Right now',
    range: {
      legend: 'Chart period',
      from: 'From',
      to: 'To',
      show: 'Show',
      showing: (from, to) => `Charts for ${from} – ${to} (Minsk time)`,
    },
    rangeProblems: {
      'invalid-date': 'The dates of the period must be written as YYYY-MM-DD.',
      reversed: 'The period starts after it ends.',
      'too-long': 'The period cannot be longer than 366 days.',
    },
    showingDefault: 'Showing the last 30 days instead.',
    data: 'Chart data',
    matchesPerDay: {
      title: 'Matches per day',
      day: 'Day',
      matches: 'Matches',
      describe: (total, days, busiest) =>
        `${total} matches over ${days} days.` + (busiest ? ` Most on ${busiest.day}: ${busiest.count}.` : ''),
      empty: 'No matches in this period',
    },
    funnel: {
      title: 'Funnel: task → match → notified → interested',
      step: 'Step',
      count: 'Tasks',
      conversion: 'Conversion',
      steps: {
        tasks: 'Tasks posted',
        matched: 'with a match',
        notified: 'with a resident notified',
        interested: 'with a resident interested',
      },
      describe: (tasks, matched, notified, interested) =>
        `Of ${tasks} tasks, ${matched} got matches, ${notified} had a resident emailed and ${interested} had a resident interested.`,
      note: 'Counts tasks posted in the period; conversion is the share of the step before.',
    },
    scores: {
      title: 'Score distribution',
      bucket: 'Score',
      matches: 'Matches',
      describe: (total) => `Scores of ${total} matches made in the period, in steps of 0.1.`,
      empty: 'No matches in this period',
    },
    regions: {
      title: 'Answers by region',
      region: 'Region',
      interested: 'Interested',
      declined: 'Declined',
      describe: (regions) =>
        regions > 0 ? `Residents' answers in the period across ${regions} regions.` : 'No answers in the period.',
      empty: 'No answers in this period',
    },
    queues: {
      title: 'Queues',
      queue: 'Queue',
      waiting: 'Waiting',
      active: 'Active',
      delayed: 'Delayed',
      failed: 'Failed',
      unavailable: 'Queue figures are unavailable: Redis does not answer. Everything else on this page is current.',
      names: {
        matching: 'Matching',
        notifications: 'Notifications',
        webhooks: 'Webhooks',
        'resident-imports': 'Resident imports',
      },
      board: 'Open Bull Board',
    },
  },
};
