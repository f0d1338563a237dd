import { escapeHtml } from '@app/mail';

/**
 * Charts drawn on the server as inline SVG: no script, no external resource, so they pass the dashboard's
 * CSP. Each chart is an `role="img"` with a `<title>` and a `<desc>` that says what it shows in words; the
 * page puts a data table next to it for screen readers and for copying. Every label is escaped here.
 */

/** One bar of a column chart. `key` identifies it in the markup (`data-key`), `label` is shown under it. */
export interface ChartBar {
  key: string;
  label: string;
  value: number;
  /** The bar's tooltip; defaults to `label: value`. */
  tooltip?: string;
}

export interface ColumnChartInput {
  id: string;
  title: string;
  /** A sentence read out instead of the picture. */
  description: string;
  bars: ChartBar[];
  /** Said inside the chart when every value is zero. */
  emptyText: string;
  /** Print every n-th label under the axis (long date ranges); 1 prints all. */
  labelEvery?: number;
}

export interface FunnelStep {
  key: string;
  label: string;
  value: number;
  /** Share of the previous step, 0-1, or null for the first step (or when the previous one is zero). */
  conversion: number | null;
}

export interface FunnelChartInput {
  id: string;
  title: string;
  description: string;
  steps: FunnelStep[];
  formatConversion: (share: number) => string;
}

export interface PairedBarsRow {
  key: string;
  label: string;
  first: number;
  second: number;
}

export interface PairedBarsInput {
  id: string;
  title: string;
  description: string;
  rows: PairedBarsRow[];
  legend: { first: string; second: string };
  emptyText: string;
}

export const CHART_COLOURS = {
  primary: '#1f3a5f',
  first: '#2f855a',
  second: '#c53030',
  axis: '#a0aec0',
  text: '#4a5568',
};

/** Sized for a half-width card, so that 13px text stays about 13px on a laptop screen. */
const WIDTH = 560;

function frame(id: string, title: string, description: string, height: number, content: string): string {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return `<svg class="chart" id="${escapeHtml(id)}" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">
<title id="${escapeHtml(titleId)}">${escapeHtml(title)}</title><desc id="${escapeHtml(descId)}">${escapeHtml(description)}</desc>
${content}</svg>`;
}

function emptyNote(x: number, y: number, text: string): string {
  return `<text class="empty" x="${x}" y="${y}" text-anchor="middle" fill="${CHART_COLOURS.text}" font-size="14">${escapeHtml(text)}</text>`;
}

/** Round numbers for coordinates: short markup, no `NaN` whatever comes in. */
function n(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** A column chart: one vertical bar per entry (matches per day, the score histogram). */
export function columnChart(input: ColumnChartInput): string {
  const height = 240;
  const top = 20;
  const bottom = 40;
  const left = 36;
  const plotHeight = height - top - bottom;
  const plotWidth = WIDTH - left - 8;
  const max = Math.max(0, ...input.bars.map((bar) => bar.value));
  const scale = max > 0 ? plotHeight / max : 0;
  const slot = input.bars.length > 0 ? plotWidth / input.bars.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.7);
  const every = Math.max(1, input.labelEvery ?? 1);
  const baseline = top + plotHeight;
  const bars = input.bars
    .map((bar, index) => {
      const value = Math.max(0, bar.value);
      const barHeight = value * scale;
      const x = left + index * slot + (slot - barWidth) / 2;
      const tooltip = bar.tooltip ?? `${bar.label}: ${value}`;
      const label =
        index % every === 0
          ? `<text x="${n(x + barWidth / 2)}" y="${baseline + 16}" text-anchor="middle" fill="${CHART_COLOURS.text}">${escapeHtml(bar.label)}</text>`
          : '';
      const valueText =
        value > 0 && slot >= 14
          ? `<text x="${n(x + barWidth / 2)}" y="${n(baseline - barHeight - 4)}" text-anchor="middle" fill="${CHART_COLOURS.text}" font-size="11">${value}</text>`
          : '';
      return `<g class="bar" data-key="${escapeHtml(bar.key)}" data-value="${value}"><rect x="${n(x)}" y="${n(baseline - barHeight)}" width="${n(barWidth)}" height="${n(barHeight)}" fill="${CHART_COLOURS.primary}"><title>${escapeHtml(tooltip)}</title></rect>${valueText}${label}</g>`;
    })
    .join('');
  const axis = `<line x1="${left}" y1="${baseline}" x2="${WIDTH - 8}" y2="${baseline}" stroke="${CHART_COLOURS.axis}"/>
${max > 0 ? `<text x="${left - 6}" y="${top + 4}" text-anchor="end" fill="${CHART_COLOURS.text}">${max}</text>` : ''}<text x="${left - 6}" y="${baseline}" text-anchor="end" fill="${CHART_COLOURS.text}">0</text>`;
  const empty = max === 0 ? emptyNote(left + plotWidth / 2, top + plotHeight / 2, input.emptyText) : '';
  return frame(input.id, input.title, input.description, height, `${axis}${bars}${empty}`);
}

/** A funnel: one horizontal bar per step, as wide as its share of the first step, with the count and conversion. */
export function funnelChart(input: FunnelChartInput): string {
  const rowHeight = 50;
  const height = input.steps.length * rowHeight + 6;
  const plotWidth = WIDTH - 110;
  const first = Math.max(0, input.steps[0]?.value ?? 0);
  const rows = input.steps
    .map((step, index) => {
      const value = Math.max(0, step.value);
      const width = first > 0 ? Math.max(value > 0 ? 2 : 0, (value / first) * plotWidth) : 0;
      const y = index * rowHeight;
      const conversion = step.conversion === null ? '' : ` (${input.formatConversion(step.conversion)})`;
      return `<g class="step" data-key="${escapeHtml(step.key)}" data-value="${value}"><text x="0" y="${y + 15}" fill="${CHART_COLOURS.text}">${escapeHtml(step.label)}</text><rect x="0" y="${y + 21}" width="${n(width)}" height="22" rx="3" fill="${CHART_COLOURS.primary}" fill-opacity="${n(1 - index * 0.18)}"><title>${escapeHtml(`${step.label}: ${value}${conversion}`)}</title></rect><text x="${n(width + 8)}" y="${y + 37}" fill="${CHART_COLOURS.text}" font-weight="600">${value}${escapeHtml(conversion)}</text></g>`;
    })
    .join('');
  return frame(input.id, input.title, input.description, height, rows);
}

/** Two horizontal bars per row (interested and declined answers per region), with a legend. */
export function pairedBarsChart(input: PairedBarsInput): string {
  const rowHeight = 48;
  const legendHeight = 26;
  const height = legendHeight + Math.max(1, input.rows.length) * rowHeight + 4;
  const plotWidth = WIDTH - 40;
  const max = Math.max(0, ...input.rows.flatMap((row) => [row.first, row.second]));
  const scale = max > 0 ? plotWidth / max : 0;
  const legend = `<g class="legend"><rect x="0" y="4" width="12" height="12" fill="${CHART_COLOURS.first}"/><text x="18" y="15" fill="${CHART_COLOURS.text}">${escapeHtml(input.legend.first)}</text><rect x="160" y="4" width="12" height="12" fill="${CHART_COLOURS.second}"/><text x="178" y="15" fill="${CHART_COLOURS.text}">${escapeHtml(input.legend.second)}</text></g>`;
  const rows = input.rows
    .map((row, index) => {
      const y = legendHeight + index * rowHeight;
      const bar = (value: number, offset: number, colour: string, name: string) =>
        `<rect x="0" y="${y + offset}" width="${n(Math.max(0, value) * scale)}" height="12" fill="${colour}"><title>${escapeHtml(`${row.label} — ${name}: ${value}`)}</title></rect><text x="${n(Math.max(0, value) * scale + 4)}" y="${y + offset + 11}" fill="${CHART_COLOURS.text}" font-size="12">${value}</text>`;
      return `<g class="row" data-key="${escapeHtml(row.key)}"><text x="0" y="${y + 14}" fill="${CHART_COLOURS.text}">${escapeHtml(row.label)}</text>${bar(row.first, 19, CHART_COLOURS.first, input.legend.first)}${bar(row.second, 32, CHART_COLOURS.second, input.legend.second)}</g>`;
    })
    .join('');
  const empty = input.rows.length === 0 ? emptyNote(WIDTH / 2, legendHeight + 22, input.emptyText) : '';
  return frame(input.id, input.title, input.description, height, `${legend}${rows}${empty}`);
}
