// How the gateway connection stands, in gateway mode: the door records what
// happens to it; /healthz and /twitter-admin status read it. It keeps the
// outages since start-up so an operator can see a flaky connection.

export type GatewayState = 'connecting' | 'connected' | 'reconnecting' | 'gone';

/** Close codes after which Discord will not take the bot back without an operator's change: the process ends. */
export const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: 'authentication failed: DISCORD_TOKEN was reset or is wrong; set the current token and start the bot again',
  4010: 'invalid shard sent when identifying',
  4011: 'sharding required: the bot is in too many servers for one gateway connection',
  4012: 'invalid gateway API version',
  4013: 'invalid intents',
  4014: 'disallowed intents: an intent the bot asks for is not enabled for the application in the Developer Portal',
};

/** Reconnecting for longer than this is no longer a blip: /healthz says the bot is unavailable. */
export const STALLED_AFTER_MS = 5 * 60 * 1000;

export interface GatewaySnapshot {
  state: GatewayState;
  /** When the current state began (epoch ms). */
  since: number;
  disconnects: number;
  resumes: number;
  newSessions: number;
  longestOutageMs: number;
  lastCloseCode: number | null;
}

export class GatewayHealth {
  private state: GatewayState = 'connecting';
  private since: number;
  private disconnects = 0;
  private resumes = 0;
  private newSessions = 0;
  private longestOutageMs = 0;
  private lastCloseCode: number | null = null;
  private outageStart: number | null = null;

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  /** The connection closed; discord.js will resume or identify again. Returns nothing: the door logs. */
  closed(code: number): void {
    this.lastCloseCode = code;
    if (this.state === 'connected') {
      this.disconnects++;
      this.outageStart = this.now();
    }
    this.enter('reconnecting');
  }

  /** Back after a RESUMED (nothing missed) or a READY (a new session); the outage's length, if there was one. */
  connected(how: 'resumed' | 'new-session'): number | null {
    const outage = this.outageStart === null ? null : this.now() - this.outageStart;
    if (outage !== null) {
      if (how === 'resumed') this.resumes++;
      else this.newSessions++;
      this.longestOutageMs = Math.max(this.longestOutageMs, outage);
    }
    this.outageStart = null;
    this.enter('connected');
    return outage;
  }

  /** Discord will not take the bot back: the process is about to end. */
  gone(code: number): void {
    this.lastCloseCode = code;
    this.enter('gone');
  }

  /** Whether a supervisor or load balancer should consider the bot unavailable. */
  isFailing(): boolean {
    return this.state === 'gone' || (this.state === 'reconnecting' && this.now() - this.since > STALLED_AFTER_MS);
  }

  snapshot(): GatewaySnapshot {
    return {
      state: this.state,
      since: this.since,
      disconnects: this.disconnects,
      resumes: this.resumes,
      newSessions: this.newSessions,
      longestOutageMs: this.longestOutageMs,
      lastCloseCode: this.lastCloseCode,
    };
  }

  private enter(state: GatewayState): void {
    if (state !== this.state) this.since = this.now();
    this.state = state;
  }
}
