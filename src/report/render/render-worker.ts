// The render worker: renders reports (render.ts) on a thread of its own, so
// the main thread, which answers Discord, never runs a summary or a chart.
// When the engine gives it a reader of its own (SQLite: the same file, read
// only; WAL lets it read while the main thread writes), only a small job and
// the finished PNG cross; otherwise the posts come with the job.

import { parentPort, workerData } from 'node:worker_threads';
import { turnByTurn } from '../../threads/turn-by-turn.js';
import { warmUpChart } from '../chart/chart.js';
import { loadRenderData, type RenderData, type RenderJob, type RenderReader } from './job.js';
import { CJK_FAMILY, hasCjkFont, renderReport } from './render.js';

const { reader: readerModule } = workerData as { reader: { module: string; arg: unknown } | null };
const reader: RenderReader | null = readerModule
  ? ((await import(readerModule.module)) as { openRenderReader(arg: unknown): RenderReader }).openRenderReader(readerModule.arg)
  : null;
warmUpChart();
// Whether Japanese charts can be drawn here: the pool tells the operator once (the main thread never loads the fonts).
parentPort?.postMessage({ fonts: { cjk: hasCjkFont(), cjkFamily: CJK_FAMILY } });

async function render(id: number, job: RenderJob, data: RenderData | undefined): Promise<void> {
  try {
    const loaded = data ?? (reader && (await loadRenderData(job, reader)));
    if (!loaded) throw new Error('a job without its data, and no reader to load it with');
    const { layout, png } = renderReport(job, loaded);
    const copy = new Uint8Array(png); // a buffer of its own, so it can be moved rather than copied across
    parentPort?.postMessage({ id, layout, png: copy }, [copy.buffer]);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

// One report per turn of the event loop, so each chart's native memory is freed
// before the next (see turnByTurn). The worker's reader answers at once (its
// promises settle in the same turn), so each report is still done in its turn.
parentPort?.on(
  'message',
  turnByTurn(({ id, job, data }: { id: number; job: RenderJob; data?: RenderData }) => void render(id, job, data)),
);
