// The sandbox's clock: what the bot, the local X and the console take as
// "now". It runs with the wall clock, but the console can move it forward
// (to see a weekly digest posted at its minute without waiting a week) or
// stop it (so a board's figures hold still while you compare them). It only
// ever moves forward: the bot's claims and leases assume time does. Kept in
// the sandbox folder, so a restart resumes at the same simulated time and the
// digests already posted are not due again.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface ClockState {
  /** Added to the wall clock while it runs. */
  offsetMs: number;
  /** Where it stands while stopped; null while it runs. */
  stoppedAt: number | null;
}

/** How far ahead the clock may be run: the sandbox's simulated X members post for 30 days ahead. */
export const MAX_AHEAD_MS = 28 * 86_400_000;

export class SandboxClock {
  private state: ClockState;

  /** `file`: where the state is kept (null: not kept). `start`: a stopped clock at this instant, for tests. */
  constructor(
    private readonly file: string | null,
    start?: number,
    private readonly wall: () => number = Date.now,
  ) {
    this.state = start !== undefined ? { offsetMs: 0, stoppedAt: start } : (this.load() ?? { offsetMs: 0, stoppedAt: null });
  }

  readonly now = (): number => this.state.stoppedAt ?? this.wall() + this.state.offsetMs;

  get stopped(): boolean {
    return this.state.stoppedAt !== null;
  }

  /** Moves the clock to `at`; refused (false) backwards or more than MAX_AHEAD_MS past the wall clock. */
  runTo(at: number): boolean {
    if (!Number.isFinite(at) || at < this.now() || at > this.wall() + MAX_AHEAD_MS) return false;
    this.state = this.state.stoppedAt !== null ? { ...this.state, stoppedAt: at } : { offsetMs: at - this.wall(), stoppedAt: null };
    this.save();
    return true;
  }

  /** Stops the clock where it is, or lets it run on from there. */
  stop(stopped: boolean): void {
    const at = this.now();
    this.state = stopped ? { ...this.state, stoppedAt: at } : { offsetMs: at - this.wall(), stoppedAt: null };
    this.save();
  }

  private load(): ClockState | null {
    if (!this.file || !existsSync(this.file)) return null;
    try {
      const kept = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ClockState>;
      const offsetMs = Number(kept.offsetMs);
      const stoppedAt = kept.stoppedAt === null || kept.stoppedAt === undefined ? null : Number(kept.stoppedAt);
      if (!Number.isFinite(offsetMs) || (stoppedAt !== null && !Number.isFinite(stoppedAt))) return null;
      // A clock kept ahead stays ahead; one the wall clock has overtaken runs with it again (never backwards).
      return { offsetMs: Math.max(0, offsetMs), stoppedAt: stoppedAt !== null ? Math.max(stoppedAt, this.wall()) : null };
    } catch {
      return null;
    }
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state));
  }
}
