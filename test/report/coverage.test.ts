// The span arithmetic: merging what was read, finding what was not, and what
// retention leaves.

import { describe, expect, it } from 'vitest';
import { addSpan, gapsBetween, type Span, spanAt, trimSpans } from '../../src/report/coverage.js';

const span = (from: number, to: number, cutReason: Span['cutReason'] = null): Span => ({ from, to, cutReason });

describe('addSpan', () => {
  it('merges spans that overlap or meet, keeping the reason of the lowest edge', () => {
    expect(addSpan([span(10, 20, 'max-posts')], span(20, 30))).toEqual([span(10, 30, 'max-posts')]);
    expect(addSpan([span(10, 20)], span(15, 40))).toEqual([span(10, 40)]);
    expect(addSpan([span(10, 20)], span(5, 12, 'budget'))).toEqual([span(5, 20, 'budget')]);
    // A newer read from the same point says why it stopped there now.
    expect(addSpan([span(10, 20, 'budget')], span(10, 30, 'x-cap'))).toEqual([span(10, 30, 'x-cap')]);
  });

  it('keeps spans apart when a hole lies between them, and closes the hole once it is read', () => {
    const two = addSpan([span(10, 20)], span(25, 30, 'budget'));
    expect(two).toEqual([span(10, 20), span(25, 30, 'budget')]);
    expect(addSpan(two, span(20, 25))).toEqual([span(10, 30)]);
  });
});

describe('gapsBetween', () => {
  it('lists what is not stored, newest first, including the present and the part before the oldest span', () => {
    expect(gapsBetween([span(10, 20), span(25, 30)], 0, 40)).toEqual([
      { from: 30, to: null },
      { from: 20, to: 25 },
      { from: 0, to: 10 },
    ]);
    expect(gapsBetween([], 0, 40)).toEqual([{ from: 0, to: null }]);
    expect(gapsBetween([span(0, 40)], 5, 40)).toEqual([]);
  });

  it('does not read below X’s cap on the oldest span, but does below a per-report or budget cut, and fills a hole under a cut that a later span made', () => {
    expect(gapsBetween([span(10, 40, 'x-cap')], 0, 40)).toEqual([]);
    // REPORT_MAX_POSTS bounds one report: the next one reads on below it.
    expect(gapsBetween([span(10, 40, 'max-posts')], 0, 40)).toEqual([{ from: 0, to: 10 }]);
    expect(gapsBetween([span(10, 40, 'budget')], 0, 40)).toEqual([{ from: 0, to: 10 }]);
    expect(gapsBetween([span(-50, 5, 'x-cap'), span(10, 40, 'max-posts')], 0, 40)).toEqual([{ from: 5, to: 10 }]);
    expect(gapsBetween([span(-50, 5), span(10, 40, 'max-posts')], 0, 40)).toEqual([{ from: 5, to: 10 }]);
    // The older span lies before the period: the hole above it is still a hole.
    expect(gapsBetween([span(-50, -20), span(10, 40, 'max-posts')], 0, 40)).toEqual([{ from: 0, to: 10 }]);
  });
});

describe('spanAt and trimSpans', () => {
  it('finds the span reaching a moment, and moves spans up to a retention cutoff', () => {
    expect(spanAt([span(0, 10), span(15, 30)], 30)).toEqual(span(15, 30));
    expect(spanAt([span(0, 10)], 12)).toBeUndefined();
    expect(trimSpans([span(0, 10), span(15, 30, 'x-cap')], 20)).toEqual([span(20, 30, 'x-cap')]);
  });
});
