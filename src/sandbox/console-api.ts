// The console page and the shapes of what it sends: the page, its script and
// styles (under the console's own content security policy), and the checks a
// command or a press must pass before the console builds an interaction.

import type { Context, Hono } from 'hono';
import type { XStandIn } from '../local-x/x-stand-in.js';
import { COMPONENTS_CSS, COMPONENTS_JS } from './console-components.js';
import { CONSOLE_HTML } from './console-page.js';
import { COMPOSER_JS } from './console-script-composer.js';
import { MESSAGES_JS } from './console-script-messages.js';
import { SERVER_CSS, SERVER_JS } from './console-server.js';
import { CONSOLE_CSS } from './console-styles.js';
import type { ConsoleMember } from './member-places.js';
import type { RawOption, Where } from './places.js';

export interface InteractRequest {
  kind: 'command' | 'autocomplete';
  name: string;
  line?: string;
  options: RawOption[];
  member: ConsoleMember;
  /** The older way of naming the bot's DM (see places.ts's whereOf). */
  dm?: boolean;
  where?: Where;
  guildId?: string;
  /** The member's Discord language, as the console's switch sets it ("en-US", "ja"). */
  locale?: string;
}

export interface PressRequest {
  messageId: number;
  customId: string;
  label?: string;
  member: ConsoleMember;
  locale?: string;
}

const isMember = (m: ConsoleMember | undefined) => /^\d{17,20}$/.test(String(m?.id)) && Array.isArray(m?.roles);

export function isInteractRequest(request: InteractRequest | null): request is InteractRequest {
  return Boolean(
    request &&
      (request.kind === 'command' || request.kind === 'autocomplete') &&
      /^[\w-]{1,32}$/.test(String(request.name)) &&
      Array.isArray(request.options) &&
      isMember(request.member),
  );
}

export function isPressRequest(request: PressRequest | null): request is PressRequest {
  return Boolean(
    request &&
      Number.isInteger(request.messageId) &&
      typeof request.customId === 'string' &&
      request.customId.length <= 100 &&
      isMember(request.member),
  );
}

/** The local X's switches as the page sets them: each on or off, and "slow" at most a minute a request. */
export function setFaults(x: XStandIn, wanted: Partial<XStandIn['faults']>): XStandIn['faults'] {
  const faults = x.faults;
  faults.rateLimited = Boolean(wanted.rateLimited);
  faults.unavailable = Boolean(wanted.unavailable);
  faults.revoked = Boolean(wanted.revoked);
  faults.slowMs = Math.max(0, Math.min(60_000, Number(wanted.slowMs) || 0));
  return faults;
}

/** The page, its one script and its one stylesheet. */
export function servePage(app: Hono): void {
  const page = (c: Context, body: string, type: string) => {
    // The console's own page runs its own script and shows the bot's charts; the bot's strict policy stays for its pages.
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; form-action 'self'",
    );
    c.header('Content-Type', type);
    return c.body(body);
  };
  const script = MESSAGES_JS + COMPOSER_JS + COMPONENTS_JS + SERVER_JS;
  app.get('/sandbox', (c) => page(c, CONSOLE_HTML, 'text/html; charset=utf-8'));
  app.get('/sandbox/console.js', (c) => page(c, script, 'text/javascript; charset=utf-8'));
  app.get('/sandbox/console.css', (c) => page(c, CONSOLE_CSS + COMPONENTS_CSS + SERVER_CSS, 'text/css; charset=utf-8'));
}
