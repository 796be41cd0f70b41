// The CPU-heavy end of a report, from stored posts to what Discord shows:
// summarise the loaded posts, draw the chart, lay out the message (Components V2). Runs in the
// render worker (or in the calling thread when there is no database file to
// share); everything it needs travels in a RenderJob.

import { en, textFor } from '../../text/catalog.js';
import { renderChart } from '../chart/chart.js';
import { chartWords } from '../chart/chart-fonts.js';
import { reportLayout } from '../layout/report-layout.js';
import { summarise } from '../summary/summary.js';
import { CHART_FILE, type RenderData, type Rendered, type RenderJob } from './job.js';

export { CJK_FAMILY, hasCjkFont } from '../chart/chart-fonts.js';

export function renderReport(job: RenderJob, data: RenderData): Rendered {
  const { posts } = data;
  const summary = summarise({
    profile: job.profile,
    posts,
    mentions: data.mentions,
    previousPosts: job.withPrevious ? posts : null,
    period: job.period,
    timeZone: job.timeZone,
    read: job.read,
    mentionsOff: job.mentionsOff,
    limits: job.limits,
    audience: job.showPrivate ? 'private' : 'public',
    refreshHorizonHours: job.refreshHorizonHours,
    followerHistory: data.followerHistory,
    profileRefresh: job.profileRefresh,
  });
  const t = textFor(job.locale);
  // Without a CJK font on this machine, a Japanese chart would be empty boxes: its words are then English.
  const png = renderChart(summary.activity.days, chartWords(t.report.chart(job.timeZone), en.report.chart(job.timeZone)));
  const layout = reportLayout(t, summary, {
    showPrivate: job.showPrivate,
    chartFile: CHART_FILE,
    footer: job.footer,
    controls: job.controls,
    preface: job.preface,
    privateHere: job.privateHere,
  });
  return { layout, png };
}
