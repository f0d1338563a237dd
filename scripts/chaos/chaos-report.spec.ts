import type { Receipt } from './chaos-smtp-server';
import { classifyDuplicates, CRASH_WINDOW_MS } from './chaos-report';

describe(classifyDuplicates.name, () => {
  const kill = { at: 1_000_000, worker: 'worker-1', inFlight: new Set(['<a@x>', '<b@x>', '<c@x>']) };
  const receipts = (entries: [string, number[]][]) =>
    new Map<string, Receipt[]>(
      entries.map(([messageId, times]) => [messageId, times.map((at) => ({ messageId, at }))]),
    );

  it('counts a duplicate inside the window only when it was sending at a kill and first arrived shortly before it', () => {
    const result = classifyDuplicates(
      receipts([
        ['<a@x>', [kill.at - 200, kill.at + 12_000]],
        ['<b@x>', [kill.at - CRASH_WINDOW_MS - 1, kill.at + 12_000]],
        ['<c@x>', [kill.at + 5000, kill.at + 6000]],
        ['<d@x>', [kill.at - 100, kill.at + 12_000]],
        ['<e@x>', [kill.at - 100]],
      ]),
      [kill],
    );
    expect(result.inWindow).toBe(1);
    expect(result.outside.map((line) => line.split(' ')[0])).toEqual(['<b@x>', '<c@x>', '<d@x>']);
  });

  it('finds nothing to classify without duplicates or without kills', () => {
    expect(classifyDuplicates(receipts([['<a@x>', [1]]]), [kill])).toEqual({ inWindow: 0, outside: [] });
    expect(classifyDuplicates(receipts([['<a@x>', [1, 2]]]), []).outside).toHaveLength(1);
  });
});
