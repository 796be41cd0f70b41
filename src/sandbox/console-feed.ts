// What the console page shows: the local Discord's messages (its record of
// what a member sees) with what the console adds around them, the member's
// command line above an answer, "thinking" until there is one, a failure
// when the bot never answered, and which DM a message belongs to.

import type { LocalDiscord } from '../local-discord/local-discord.js';
import type { SeenMessage } from '../local-discord/messages.js';
import { guildOfChannel } from './sandbox-discord.js';

interface Entry {
  id: number;
  /** The member's command line, shown above the bot's answer. */
  invokedBy: { name: string; command: string } | null;
  /** The interaction whose answer this entry shows, until it has one. */
  token?: string;
  /** The local Discord's message shown, once there is one. */
  messageId?: string;
  failure?: string;
  channelId: string;
  /** Said in the DM between the bot and this member id. */
  dmWith?: string;
}

export class ConsoleFeed {
  private readonly entries: Entry[] = [];
  private nextId = 1;
  /** Bumped on every change, so the page asks only for what is new. */
  version = 0;

  constructor(private readonly discord: LocalDiscord) {
    discord.log.onChange = (message) => this.changed(message);
    discord.guilds.onChange = () => this.version++;
  }

  /** The entry an interaction's answer will fill ("… is thinking" until then). */
  expect(entry: Omit<Entry, 'id'>): Entry {
    const added = { ...entry, id: this.nextId++ };
    this.entries.push(added);
    if (this.entries.length > 200) this.entries.splice(0, this.entries.length - 200);
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
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.version++;
  }

  private changed(message: SeenMessage): void {
    this.version++;
    if (this.entries.some((e) => e.messageId === message.id)) return;
    const waiting = message.interactionToken && this.entries.find((e) => e.token === message.interactionToken && !e.messageId);
    if (waiting) {
      waiting.messageId = message.id;
      return;
    }
    const dmWith = this.discord.dmChannels.get(message.channelId);
    this.expect({ invokedBy: null, messageId: message.id, channelId: message.channelId, dmWith });
  }

  /** The messages as the page draws them; the interaction token stays here. */
  shown() {
    return this.entries.flatMap((e) => {
      const m = e.messageId ? this.discord.log.find(e.messageId) : undefined;
      if (e.messageId && !m) return [];
      const state = e.failure ? 'failed' : !m || m.thinking ? 'thinking' : 'done';
      const dm = this.discord.dmChannels.get(e.channelId) ?? e.dmWith;
      return [
        {
          id: e.id,
          invokedBy: e.invokedBy,
          ephemeral: ((m?.flags ?? 0) & 64) === 64,
          state,
          content: e.failure ?? m?.content ?? '',
          embeds: m?.embeds ?? [],
          components: m?.components ?? [],
          flags: m?.flags ?? 0,
          attachments: (m?.attachments ?? []).map((a) => ({
            filename: a.filename,
            url: `/sandbox/attachments/${a.id}`,
            contentType: a.contentType,
          })),
          dmTo: e.invokedBy || m?.interactionToken ? undefined : dm,
          dmWith: dm,
          channelId: e.channelId,
          place: guildOfChannel(e.channelId)?.name ?? null,
        },
      ];
    });
  }
}
