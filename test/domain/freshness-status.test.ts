import { describe, expect, it } from 'vitest';
import { describeCrawlRun, describeNextRevisit, formatDuration, formatRelative } from '../../domain/freshness-status.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const store = { revisited: true, revisitTickSeconds: 20, lastRevisitTickAt: at(-5), dueNow: 0, nextVisitAt: at(90), running: null };

describe('the freshness status in words', () => {
  it('writes durations and moments people read at a glance', () => {
    expect([0, 35, 60, 299, 3_600, 7_500, 86_400 * 3].map(formatDuration)).toEqual(['0 s', '35 s', '1 min', '4 min', '1 h', '2 h 5 min', '3 days']);
    expect(formatRelative(at(240), NOW)).toBe('in 4 min');
    expect(formatRelative(at(-120), NOW)).toBe('2 min ago');
    expect(formatRelative(NOW, NOW)).toBe('now');
  });

  it('says when the next revisit comes, and when there is none', () => {
    expect(describeNextRevisit(store, NOW)).toBe('in 1 min');
    expect(describeNextRevisit({ ...store, dueNow: 4 }, NOW)).toBe('now (4 due)');
    expect(describeNextRevisit({ ...store, running: 'schedule', dueNow: 4 }, NOW)).toBe('after the crawl under way');
    expect(describeNextRevisit({ ...store, revisited: false }, NOW)).toBe('only with the full crawl');
    expect(describeNextRevisit({ ...store, revisited: null }, NOW)).toBe('no revisits running');
    // Three ticks missed: the loop is taken for stopped.
    expect(describeNextRevisit({ ...store, lastRevisitTickAt: at(-61) }, NOW)).toBe('revisits stopped (last 1 min ago)');
    expect(describeNextRevisit({ ...store, nextVisitAt: null }, NOW)).toBe('nothing planned');
  });

  it('sums up the last crawl', () => {
    expect(describeCrawlRun(null, NOW)).toBe('never');
    expect(describeCrawlRun({ status: 'failed', startedAt: at(-400), finishedAt: at(-300), pages: 1, errors: 1 }, NOW)).toBe('failed 5 min ago, 1 page, 1 error');
  });
});
