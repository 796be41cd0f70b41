import { describe, expect, it } from 'vitest';
import { answersPrivately, placeOf } from '../../src/interaction/place.js';

const raw = { guildId: null, context: null, guildInstallOwner: null, ownersKnown: true };

describe('placeOf', () => {
  it('applies a server’s settings only where that server installed the bot', () => {
    const installed = placeOf({ ...raw, guildId: '7', context: 0, guildInstallOwner: '7' });
    expect(installed).toEqual({ guildId: '7', place: { kind: 'server', serverId: '7', botInstalled: true } });
    // Key "0" naming another server (never sent by Discord) is not this server's install either.
    for (const owner of [null, '8']) {
      const foreign = placeOf({ ...raw, guildId: '7', context: 0, guildInstallOwner: owner });
      expect(foreign).toEqual({ guildId: null, place: { kind: 'server', serverId: '7', botInstalled: false } });
      expect(answersPrivately(foreign.place)).toBe(true);
    }
  });

  it('trusts a server payload without owners (sent before user installs existed)', () => {
    expect(placeOf({ ...raw, guildId: '7', ownersKnown: false }).guildId).toBe('7');
  });

  it('tells the bot’s DM (public to the member anyway) from other DMs and group DMs', () => {
    const dm = placeOf({ ...raw, context: 1, guildInstallOwner: '0' });
    expect(dm).toEqual({ guildId: null, place: { kind: 'bot-dm', serverId: null, botInstalled: true } });
    expect(answersPrivately(dm.place)).toBe(false);
    const group = placeOf({ ...raw, context: 2 });
    expect(group).toEqual({ guildId: null, place: { kind: 'private-channel', serverId: null, botInstalled: false } });
    expect(answersPrivately(group.place)).toBe(true);
  });
});
