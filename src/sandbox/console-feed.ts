// What the console page shows: the local Discord's messages (its record of
// what a member sees, every edit applied) with what the console adds around
// them: the member's command line above an answer, "thinking" until there is
// one, a failure when the bot never answered, and the place each was said in
// (a server, one without the bot, the bot's DM, a group DM).

import type { LocalDiscord } from '../local-discord/local-discord.js';
import { EPHEMERAL } from '../local-discord/message-rules.js';
import type { SeenMessage } from '../local-discord/messages.js';
import type { MemberPlaces } from './member-places.js';
import type { Where } from './places.js';
import { guildOfChannel } from './sandbox-discord.js';

/** Entries kept: the local Discord keeps as many messages (sandbox-discord.ts). */
const KEEP = 200;

export interface Entry {
  id: number;
  /** The member's command line, or the button they pressed (`pressed`), shown above the bot's answer. */
  invokedBy: { name: string; command: string; pressed?: boolean } | null;
  /** The interaction whose answers this entry shows. */
  token?: string;
  /** The local Discord's message shown, once there is one. */
  messageId?: string;
  failure?: string;
  channelId: string;
  where: Where;
  /** The server's name, or null in a DM. */
  place: string | null;
  /** Said in the DM between the bot (or friends) and this member id: the page shows it in that member's DM. */
  dmWith?: string;
  /** A direct message from the bot to this member id. */
  dmTo?: string;
}

export class ConsoleFeed {
  private readonly entries: Entry[] = [];
  private nextId = 1;
  /** Bumped on every change, so the page asks only for what is new. */
  version = 0;
  /** The names of members who spoke, for the page to show their mentions (<@id>) as Discord does. */
  readonly names = new Map<string, string>();
  /** Presses answered by a change of the pressed message, by token: a follow-up then says who pressed, as its first message. */
  private readonly dropped = new Map<string, Entry>();

  constructor(
    private readonly discord: LocalDiscord,
    private readonly places: MemberPlaces,
  ) {
    discord.log.onChange = (message) => this.changed(message);
    discord.guilds.onChange = () => this.version++;
  }

  /** An entry the console adds: one an interaction's answer will fill ("… is thinking" until then). */
  add(entry: Omit<Entry, 'id'>): Entry {
    const added = { ...entry, id: this.nextId++ };
    this.entries.push(added);
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
    this.version++;
    return added;
  }

  byId(id: number): Entry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  fail(entry: Entry, why: string): void {
    entry.failure = why;
    this.version++;
  }

  /** Drops an entry that will get no message (an answer that changed the pressed one instead). */
  drop(entry: Entry): void {
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
    if (entry.token) {
      this.dropped.set(entry.token, entry);
      if (this.dropped.size > KEEP) this.dropped.delete(this.dropped.keys().next().value as string);
    }
    this.version++;
  }

  private changed(message: SeenMessage): void {
    this.version++;
    if (!this.discord.log.find(message.id) || this.entries.some((e) => e.messageId === message.id)) return;
    const token = message.interactionToken;
    const waiting = token && this.entries.find((e) => e.token === token && !e.messageId);
    if (waiting) {
      waiting.messageId = message.id;
      return;
    }
    // A follow-up is said where its interaction was; anything else the bot posted in a channel or DM.
    const sibling = token ? this.entries.find((e) => e.token === token) : undefined;
    const pressedBefore = token && !sibling ? this.dropped.get(token) : undefined;
    const from = sibling ?? pressedBefore;
    if (token && from) {
      const { where, place, dmWith } = from;
      this.dropped.delete(token);
      const invokedBy = pressedBefore?.invokedBy ?? null;
      this.add({ invokedBy, token, messageId: message.id, channelId: message.channelId, where, place, dmWith });
      return;
    }
    const guild = guildOfChannel(message.channelId);
    const dm = guild ? undefined : this.places.dmWith(message.channelId);
    this.add({
      invokedBy: null,
      messageId: message.id,
      channelId: message.channelId,
      where: guild ? 'server' : 'bot-dm',
      place: guild?.name ?? null,
      dmWith: dm,
      dmTo: dm,
    });
  }

  /** The messages as the page draws them; the interaction token stays here. */
  shown() {
    return this.entries.flatMap(({ token: _, messageId, failure, ...entry }) => {
      const m = messageId ? this.discord.log.find(messageId) : undefined;
      if (messageId && !m) return [];
      return [
        {
          ...entry,
          ephemeral: ((m?.flags ?? 0) & EPHEMERAL) === EPHEMERAL,
          state: failure ? 'failed' : !m || m.thinking ? 'thinking' : 'done',
          content: failure ?? m?.content ?? '',
          embeds: m?.embeds ?? [],
          components: m?.components ?? [],
          flags: m?.flags ?? 0,
          attachments: (m?.attachments ?? []).map((a) => ({
            filename: a.filename,
            url: `/sandbox/attachments/${a.id}`,
            contentType: a.contentType,
          })),
        },
      ];
    });
  }
}
