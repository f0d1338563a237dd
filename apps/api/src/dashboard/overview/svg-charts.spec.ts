import { columnChart, funnelChart, pairedBarsChart } from './svg-charts';

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';

/** The attributes of every `<g class="...">` of the given class, in order. */
function groups(svg: string, kind: string): { key: string; value: string }[] {
  return [...svg.matchAll(new RegExp(`<g class="${kind}" data-key="([^"]*)"(?: data-value="([^"]*)")?`, 'g'))].map(
    (match) => ({ key: match[1], value: match[2] }),
  );
}

describe('dashboard SVG charts', () => {
  describe(columnChart.name, () => {
    it('draws one bar per entry, as tall as its share of the largest, with its value and an accessible name', () => {
      const svg = columnChart({
        id: 'per-day',
        title: 'Matches per day',
        description: '6 matches over 3 days',
        bars: [
          { key: '2026-11-22', label: '22.11', value: 3 },
          { key: '2026-11-23', label: '23.11', value: 0 },
          { key: '2026-11-24', label: '24.11', value: 6 },
        ],
        emptyText: 'No matches',
      });
      expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="per-day-title per-day-desc"/);
      expect(svg).toContain('<title id="per-day-title">Matches per day</title>');
      expect(svg).toContain('<desc id="per-day-desc">6 matches over 3 days</desc>');
      expect(groups(svg, 'bar')).toEqual([
        { key: '2026-11-22', value: '3' },
        { key: '2026-11-23', value: '0' },
        { key: '2026-11-24', value: '6' },
      ]);
      const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)" fill/g)].map((match) => Number(match[1]));
      expect(heights).toHaveLength(3);
      expect(heights[1]).toBe(0);
      expect(heights[2]).toBeCloseTo(heights[0] * 2, 0);
      expect(svg).toContain('<title>24.11: 6</title>');
      expect(svg).not.toContain('No matches');
    });

    it('says so when every value is zero, and never divides by zero', () => {
      const svg = columnChart({
        id: 'empty',
        title: 'Scores',
        description: 'none',
        bars: [0, 0, 0].map((value, index) => ({ key: String(index), label: String(index), value })),
        emptyText: 'No matches in this period',
      });
      expect(svg).toContain('>No matches in this period</text>');
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(groups(svg, 'bar')).toHaveLength(3);
    });

    it('draws an empty axis for no entries at all', () => {
      const svg = columnChart({ id: 'none', title: 'T', description: 'D', bars: [], emptyText: 'Nothing' });
      expect(svg).toContain('>Nothing</text>');
      expect(svg).not.toMatch(/NaN|Infinity/);
    });

    it('escapes titles, descriptions, labels and keys', () => {
      const svg = columnChart({
        id: 'x',
        title: HOSTILE,
        description: HOSTILE,
        bars: [{ key: HOSTILE, label: HOSTILE, value: 1 }],
        emptyText: HOSTILE,
      });
      expect(svg).not.toContain('<script>');
      expect(svg).not.toContain(`"x")`);
      expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    });

    it('prints only every n-th label when asked, but keeps every bar', () => {
      const bars = Array.from({ length: 30 }, (_, index) => ({ key: `d${index}`, label: `L${index}`, value: 1 }));
      const svg = columnChart({ id: 'long', title: 'T', description: 'D', bars, emptyText: '', labelEvery: 2 });
      expect(groups(svg, 'bar')).toHaveLength(30);
      expect(svg).toContain('>L0</text>');
      expect(svg).not.toContain('>L1</text>');
      expect(svg).toContain('>L2</text>');
    });
  });

  describe(funnelChart.name, () => {
    it('shows each step with its count and its conversion from the step before', () => {
      const svg = funnelChart({
        id: 'funnel',
        title: 'Funnel',
        description: 'Of 4 tasks ...',
        steps: [
          { key: 'tasks', label: 'Tasks', value: 4, conversion: null },
          { key: 'matched', label: 'with a match', value: 2, conversion: 0.5 },
          { key: 'interested', label: 'interested', value: 0, conversion: 0 },
        ],
        formatConversion: (share) => `${Math.round(share * 100)}%`,
      });
      expect(groups(svg, 'step')).toEqual([
        { key: 'tasks', value: '4' },
        { key: 'matched', value: '2' },
        { key: 'interested', value: '0' },
      ]);
      expect(svg).toContain('>2 (50%)</text>');
      expect(svg).toContain('>0 (0%)</text>');
      expect(svg).toMatch(/>4<\/text>/);
    });

    it('draws an all-zero funnel without dividing by zero, and escapes labels', () => {
      const svg = funnelChart({
        id: 'f',
        title: HOSTILE,
        description: 'D',
        steps: [
          { key: 'tasks', label: HOSTILE, value: 0, conversion: null },
          { key: 'matched', label: 'm', value: 0, conversion: null },
        ],
        formatConversion: String,
      });
      expect(svg).not.toMatch(/NaN|Infinity|<script>/);
      expect(svg).toContain('&lt;script&gt;');
    });
  });

  describe(pairedBarsChart.name, () => {
    it('draws two bars per row with a legend', () => {
      const svg = pairedBarsChart({
        id: 'regions',
        title: 'Answers by region',
        description: '2 regions',
        rows: [
          { key: 'BY-HM', label: 'Minsk (BY-HM)', first: 2, second: 1 },
          { key: 'RU-SVE', label: 'Sverdlovsk (RU-SVE)', first: 0, second: 1 },
        ],
        legend: { first: 'Interested', second: 'Declined' },
        emptyText: 'No answers',
      });
      expect(groups(svg, 'row').map((row) => row.key)).toEqual(['BY-HM', 'RU-SVE']);
      expect(svg).toContain('<title>Minsk (BY-HM) — Interested: 2</title>');
      expect(svg).toContain('<title>Sverdlovsk (RU-SVE) — Declined: 1</title>');
      expect(svg).toContain('>Interested</text>');
      expect(svg).not.toContain('No answers');
    });

    it('says so when there are no rows, and escapes region names', () => {
      const empty = pairedBarsChart({
        id: 'r',
        title: 'T',
        description: 'D',
        rows: [],
        legend: { first: 'a', second: 'b' },
        emptyText: 'No answers in this period',
      });
      expect(empty).toContain('>No answers in this period</text>');
      expect(empty).not.toMatch(/NaN|Infinity/);
      const hostile = pairedBarsChart({
        id: 'r',
        title: 'T',
        description: 'D',
        rows: [{ key: 'XX', label: HOSTILE, first: 1, second: 0 }],
        legend: { first: HOSTILE, second: 'b' },
        emptyText: '',
      });
      expect(hostile).not.toContain('<script>');
    });
  });
});
