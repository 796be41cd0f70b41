// Where an interaction happened, and which server's settings apply to it.
// Since members may install the bot to their own account, a command can come
// from a server where the bot itself was never added: Discord then sends the
// server's id, but no server-install owner for it (authorizing_integration_owners
// has key "0" only where the bot is installed). Such a server has no settings,
// no budget and no place for public messages of ours. Both doors read the
// place through placeOf, so they can never disagree on it.

/** Discord's interaction contexts: a server, the bot's own DM, another DM or group DM. */
export type PlaceKind = 'server' | 'bot-dm' | 'private-channel';

export interface Place {
  kind: PlaceKind;
  /** The server the interaction came from, whether or not the bot is installed in it. */
  serverId: string | null;
  /**
   * False in a server where only the member installed the bot, and in DMs and
   * group DMs other than the bot's own: there Discord may refuse public
   * messages of ours, and no server's settings apply.
   */
  botInstalled: boolean;
}

/** What Discord says of the place, as either door reads it from its payload. */
export interface RawPlace {
  guildId: string | null;
  /** 0 server, 1 bot DM, 2 private channel; absent from payloads older than user installs. */
  context: number | null;
  /** authorizing_integration_owners["0"]: the server the bot is installed in (or "0" for a server install used in its DM). */
  guildInstallOwner: string | null;
  /** Whether authorizing_integration_owners was sent at all. */
  ownersKnown: boolean;
}

export interface PlaceAnswer {
  place: Place;
  /** The server whose settings and budget apply: null in DMs and where the bot is not installed. */
  guildId: string | null;
}

export function placeOf(raw: RawPlace): PlaceAnswer {
  if (raw.guildId) {
    // Payloads without owners predate user installs: only a server that installed the bot could send them.
    const installed = !raw.ownersKnown || raw.guildInstallOwner === raw.guildId;
    return { place: { kind: 'server', serverId: raw.guildId, botInstalled: installed }, guildId: installed ? raw.guildId : null };
  }
  if (raw.context === 2) return { place: { kind: 'private-channel', serverId: null, botInstalled: false }, guildId: null };
  return { place: { kind: 'bot-dm', serverId: null, botInstalled: true }, guildId: null };
}

/** The bot's own DM with the member, for code that has no interaction (tests, the sandbox). */
export const BOT_DM: Place = { kind: 'bot-dm', serverId: null, botInstalled: true };

/** Whether public messages of ours may be refused here (Discord's rule for user-installed apps): answer privately. */
export function answersPrivately(place: Place): boolean {
  return !place.botInstalled;
}
