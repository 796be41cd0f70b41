// Linked Roles states are signed by the bot, not stored: a state is accepted
// only as the bot made it, before it expires, in the browser it was made for.

import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { deriveStateKey, StateSigner } from '../../src/role-connections/signed-state.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const browser = (n: number) => createHash('sha256').update(`browser-${n}`).digest('hex');
const signer = new StateSigner(deriveStateKey(Buffer.alloc(32, 7)));

it('accepts its own state in the browser it was made for, until it expires', () => {
  const state = signer.issue(browser(1), NOW + 600_000);
  expect(state).toMatch(/^[A-Za-z0-9_-]{72}$/);
  const checked = signer.check(state, browser(1), NOW + 599_999);
  expect(checked).toMatchObject({ ok: true, expiresAt: NOW + 600_000 });
  expect(signer.check(state, browser(1), NOW + 600_000)).toEqual({ ok: false, reason: 'expired' });
  expect(signer.issue(browser(1), NOW + 600_000)).not.toBe(state);
});

it('tells a state from another browser from a forged one', () => {
  const state = signer.issue(browser(1), NOW + 600_000);
  expect(signer.check(state, browser(2), NOW)).toEqual({ ok: false, reason: 'other-browser' });
  expect(signer.check(state, undefined, NOW)).toEqual({ ok: false, reason: 'other-browser' });
  // Another bot's key (or a key rotated away) made it.
  const other = new StateSigner(deriveStateKey(Buffer.alloc(32, 8))).issue(browser(1), NOW + 600_000);
  expect(signer.check(other, browser(1), NOW)).toEqual({ ok: false, reason: 'invalid' });
  for (const forged of [undefined, '', 'A'.repeat(43), 'A'.repeat(72), `${state.slice(0, 71)}!`]) {
    expect(signer.check(forged, browser(1), NOW)).toEqual({ ok: false, reason: 'invalid' });
  }
});

it('refuses a state whose expiry was moved on, and one rebound to another browser', () => {
  const state = Buffer.from(signer.issue(browser(1), NOW + 1000), 'base64url');
  const later = Buffer.from(state);
  later.writeUIntBE(NOW + 600_000, 16, 6);
  expect(signer.check(later.toString('base64url'), browser(1), NOW)).toEqual({ ok: false, reason: 'invalid' });
  // Swapping in the browser tag of a state made for the attacker's browser does not bind the victim's state to it.
  const mine = Buffer.from(signer.issue(browser(2), NOW + 1000), 'base64url');
  const rebound = Buffer.concat([state.subarray(0, 38), mine.subarray(38)]);
  expect(signer.check(rebound.toString('base64url'), browser(2), NOW)).toEqual({ ok: false, reason: 'other-browser' });
});
