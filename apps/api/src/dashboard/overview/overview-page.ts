import type { DashboardCharts, DashboardOverview, QueueFigures } from '@app/domain';
import { escapeHtml } from '@app/mail';
import { DASHBOARD_COPY, type DashboardLanguage } from '../dashboard-i18n';
import { renderLayout, type PageContext } from '../dashboard-pages';
import { OVERVIEW_COPY, formatShare } from './overview-i18n';
import type { RangeProblem } from './overview-range';
import { columnChart, funnelChart, pairedBarsChart } from './svg-charts';

export interface OverviewPageInput {
  overview: DashboardOverview;
  charts: DashboardCharts;
  queues: QueueFigures;
  /** What the form asked for, shown back in its fields. */
  requested: { from: string; to: string };
  problem: RangeProblem | null;
}

/** Ranges longer than this print every n-th day under the bars, so the labels do not overlap. */
const DAY_LABELS = 10;

function dataTable(language: DashboardLanguage, headers: string[], rows: string[][], attributes: string[]): string {
  const copy = OVERVIEW_COPY[language];
  const head = headers.map((header, index) => `<th${index > 0 ? ' class="num"' : ''}>${escapeHtml(header)}</th>`);
  const body = rows
    .map(
      (cells, row) =>
        `<tr${attributes[row] ?? ''}>${cells.map((cell, index) => `<td${index > 0 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<details class="data"><summary>${escapeHtml(copy.data)}</summary><table><thead><tr>${head.join('')}</tr></thead><tbody>${body}</tbody></table></details>`;
}

/** `2026-11-24` as the reader writes dates: 24.11 in Russian, 24 Nov in English. */
function shortDay(day: string, language: DashboardLanguage): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: language === 'en' ? 'short' : '2-digit',
    timeZone: 'UTC',
  }).format(date);
}

function decimal(value: number, language: DashboardLanguage): string {
  return value.toLocaleString(language === 'en' ? 'en-GB' : 'ru-RU', { minimumFractionDigits: 1 });
}

function renderCounts(context: PageContext, overview: DashboardOverview): string {
  const copy = DASHBOARD_COPY[context.language].overview;
  const figure = (key: string, label: string, value: number) =>
    `<div class="card" data-figure="${key}"><div>${escapeHtml(label)}</div><div class="figure">${value}</div></div>`;
  return `<section class="group"><div class="grid">${figure('open-tasks', copy.openTasks, overview.openTasks)}</div></section>
<section class="group"><h2>${escapeHtml(copy.matches)}</h2><div class="grid">
${figure('proposed', copy.proposed, overview.matches.proposed)}${figure('approved', copy.approved, overview.matches.approved)}${figure('notified', copy.notified, overview.matches.notified)}
</div></section>
<section class="group"><h2>${escapeHtml(copy.answers)}</h2><div class="grid">
${figure('interested', copy.interested, overview.matches.interested)}${figure('declined', copy.declined, overview.matches.declined)}
</div></section>
<section class="group"><h2>${escapeHtml(copy.emails)}</h2><div class="grid">
${figure('emails-sent', copy.emailsSent, overview.emails.sent)}${figure('emails-failed', copy.emailsFailed, overview.emails.failed)}
</div></section>`;
}

function renderQueues(context: PageContext, figures: QueueFigures): string {
  const copy = OVERVIEW_COPY[context.language].queues;
  const heading = `<h2 id="queues-heading">${escapeHtml(copy.title)}</h2>`;
  const board = context.user?.role === 'admin' ? `<p><a href="/admin/queues">${escapeHtml(copy.board)}</a></p>` : '';
  if (!figures.available) {
    return `<section class="group" aria-labelledby="queues-heading" data-queues="unavailable">${heading}<div class="error" role="status">${escapeHtml(copy.unavailable)}</div>${board}</section>`;
  }
  const states = ['waiting', 'active', 'delayed', 'failed'] as const;
  const rows = figures.queues
    .map(
      (queue) =>
        `<tr data-queue="${escapeHtml(queue.queue)}"><td data-label="${escapeHtml(copy.queue)}">${escapeHtml(copy.names[queue.queue] ?? queue.queue)}</td>${states
          .map(
            (state) =>
              `<td class="num" data-state="${state}" data-label="${escapeHtml(copy[state])}">${queue[state]}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<section class="group" aria-labelledby="queues-heading" data-queues="available">${heading}
<table><thead><tr><th>${escapeHtml(copy.queue)}</th>${states.map((state) => `<th class="num">${escapeHtml(copy[state])}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>${board}</section>`;
}

function renderRangeForm(context: PageContext, input: OverviewPageInput): string {
  const copy = OVERVIEW_COPY[context.language];
  const problem = input.problem
    ? `<div class="error" role="alert">${escapeHtml(copy.rangeProblems[input.problem])} ${escapeHtml(copy.showingDefault)}</div>`
    : '';
  return `<form method="get" action="/admin" class="range" aria-label="${escapeHtml(copy.range.legend)}">
<div><label for="range-from">${escapeHtml(copy.range.from)}</label><input id="range-from" name="from" type="date" value="${escapeHtml(input.requested.from)}"></div>
<div><label for="range-to">${escapeHtml(copy.range.to)}</label><input id="range-to" name="to" type="date" value="${escapeHtml(input.requested.to)}"></div>
<button type="submit">${escapeHtml(copy.range.show)}</button></form>${problem}
<p class="muted" data-range="${escapeHtml(input.charts.range.from)}/${escapeHtml(input.charts.range.to)}">${escapeHtml(copy.range.showing(input.charts.range.from, input.charts.range.to))}</p>`;
}

function renderCharts(context: PageContext, charts: DashboardCharts): string {
  const language = context.language;
  const copy = OVERVIEW_COPY[language];

  const perDay = charts.matchesPerDay;
  const total = perDay.reduce((sum, day) => sum + day.count, 0);
  const busiest = perDay.reduce<{ day: string; count: number } | null>(
    (best, day) => (day.count > 0 && (!best || day.count > best.count) ? day : best),
    null,
  );
  const matchesChart = columnChart({
    id: 'chart-matches-per-day',
    title: copy.matchesPerDay.title,
    description: copy.matchesPerDay.describe(total, perDay.length, busiest),
    bars: perDay.map((day) => ({
      key: day.day,
      label: shortDay(day.day, language),
      value: day.count,
      tooltip: `${day.day}: ${day.count}`,
    })),
    emptyText: copy.matchesPerDay.empty,
    labelEvery: Math.ceil(perDay.length / DAY_LABELS),
  });
  const matchesTable = dataTable(
    language,
    [copy.matchesPerDay.day, copy.matchesPerDay.matches],
    perDay.map((day) => [day.day, String(day.count)]),
    perDay.map((day) => ` data-day="${day.day}"`),
  );

  const { funnel } = charts;
  const stepValues = [
    ['tasks', funnel.tasks],
    ['matched', funnel.matched],
    ['notified', funnel.notified],
    ['interested', funnel.interested],
  ] as const;
  const steps = stepValues.map(([key, value], index) => {
    const previous = index > 0 ? stepValues[index - 1][1] : 0;
    return {
      key,
      label: copy.funnel.steps[key],
      value,
      conversion: index > 0 && previous > 0 ? value / previous : null,
    };
  });
  const funnelSvg = funnelChart({
    id: 'chart-funnel',
    title: copy.funnel.title,
    description: copy.funnel.describe(funnel.tasks, funnel.matched, funnel.notified, funnel.interested),
    steps,
    formatConversion: (share) => formatShare(language, share),
  });
  const funnelTable = `<table class="funnel"><thead><tr><th>${escapeHtml(copy.funnel.step)}</th><th class="num">${escapeHtml(copy.funnel.count)}</th><th class="num">${escapeHtml(copy.funnel.conversion)}</th></tr></thead><tbody>${steps
    .map(
      (step) =>
        `<tr data-funnel-step="${step.key}"><td>${escapeHtml(step.label)}</td><td class="num count">${step.value}</td><td class="num conversion">${step.conversion === null ? '—' : escapeHtml(formatShare(language, step.conversion))}</td></tr>`,
    )
    .join('')}</tbody></table><p class="muted">${escapeHtml(copy.funnel.note)}</p>`;

  const buckets = charts.scoreBuckets;
  const scored = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const bucketLabel = (lower: number) =>
    `${decimal(lower, language)}–${decimal(Math.round((lower + 0.1) * 10) / 10, language)}`;
  const scoresChart = columnChart({
    id: 'chart-scores',
    title: copy.scores.title,
    description: copy.scores.describe(scored),
    bars: buckets.map((bucket) => ({
      key: bucket.lower.toFixed(1),
      label: decimal(bucket.lower, language),
      value: bucket.count,
      tooltip: `${bucketLabel(bucket.lower)}: ${bucket.count}`,
    })),
    emptyText: copy.scores.empty,
  });
  const scoresTable = dataTable(
    language,
    [copy.scores.bucket, copy.scores.matches],
    buckets.map((bucket) => [bucketLabel(bucket.lower), String(bucket.count)]),
    buckets.map((bucket) => ` data-bucket="${bucket.lower.toFixed(1)}"`),
  );

  const regions = charts.answersByRegion;
  const regionName = (region: (typeof regions)[number]) => `${region.name[language]} (${region.regionCode})`;
  const regionsChart = pairedBarsChart({
    id: 'chart-regions',
    title: copy.regions.title,
    description: copy.regions.describe(regions.length),
    rows: regions.map((region) => ({
      key: region.regionCode,
      label: regionName(region),
      first: region.interested,
      second: region.declined,
    })),
    legend: { first: copy.regions.interested, second: copy.regions.declined },
    emptyText: copy.regions.empty,
  });
  const regionsTable =
    regions.length > 0
      ? `<table class="regions"><thead><tr><th>${escapeHtml(copy.regions.region)}</th><th class="num">${escapeHtml(copy.regions.interested)}</th><th class="num">${escapeHtml(copy.regions.declined)}</th></tr></thead><tbody>${regions
          .map(
            (region) =>
              `<tr data-region="${escapeHtml(region.regionCode)}"><td>${escapeHtml(regionName(region))}</td><td class="num interested">${region.interested}</td><td class="num declined">${region.declined}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<p class="muted" data-regions="empty">${escapeHtml(copy.regions.empty)}</p>`;

  const card = (key: string, title: string, content: string) =>
    `<div class="card" data-chart="${key}"><h3>${escapeHtml(title)}</h3>${content}</div>`;
  return `<div class="charts">
${card('matches-per-day', copy.matchesPerDay.title, matchesChart + matchesTable)}
${card('funnel', copy.funnel.title, funnelSvg + funnelTable)}
${card('scores', copy.scores.title, scoresChart + scoresTable)}
${card('regions', copy.regions.title, regions.length > 0 ? regionsChart + regionsTable : regionsTable)}
</div>`;
}

/** The overview: counts as of now, queue depths, then the charts over the chosen date range. */
export function renderOverviewPage(context: PageContext, input: OverviewPageInput): string {
  const title = DASHBOARD_COPY[context.language].overview.title;
  const copy = OVERVIEW_COPY[context.language];
  const body = `<h1>${escapeHtml(title)}</h1>
<h2 class="muted">${escapeHtml(copy.now)}</h2>
${renderCounts(context, input.overview)}
${renderQueues(context, input.queues)}
<section class="group" aria-labelledby="charts-heading"><h2 id="charts-heading">${escapeHtml(copy.range.legend)}</h2>
${renderRangeForm(context, input)}
${renderCharts(context, input.charts)}
</section>`;
  return renderLayout(context, title, body);
}
