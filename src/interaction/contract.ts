// The transport-neutral shape every command handler sees. The gateway client
// and the HTTP interactions endpoint both turn a Discord interaction into this.

import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIMessageTopLevelComponent,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Place } from './place.js';

/** Discord lets an interaction token edit its response for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export interface BotFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export interface BotMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: BotFile[];
  /**
   * A Components V2 message (flag IS_COMPONENTS_V2): these top-level components are the whole
   * message, and content, embeds and components must be absent. Once a message is V2 it stays V2.
   */
  layout?: APIMessageTopLevelComponent[];
  /** Only the invoking member sees it. Honoured by the first response; later edits keep it. */
  ephemeral?: boolean;
}

export interface CommandUser {
  id: string;
  username: string;
  globalName: string | null;
}

export type OptionValue = string | number | boolean;

export interface CommandOptions {
  subcommandGroup: string | null;
  subcommand: string | null;
  get(name: string): OptionValue | undefined;
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
}

export interface CommandContext {
  commandName: string;
  user: CommandUser;
  /** The server whose settings and budget apply: null in DMs and in servers where only the member installed the bot. */
  guildId: string | null;
  /** Where it happened, installed or not (see place.ts). */
  place: Place;
  channelId: string | null;
  /** The member's Discord locale ("en-US", "de"): which catalog their answers come from. */
  locale: string | null;
  /** The server's preferred locale (Discord's guild_locale), for what the whole channel reads; absent in DMs. */
  guildLocale?: string | null;
  /** The member's permissions in this channel, as Discord computed them; null in DMs. */
  memberPermissions: bigint | null;
  /** The bot's own permissions in this channel, as Discord computed them. */
  appPermissions: bigint | null;
  options: CommandOptions;
  /** Valid for 15 minutes; lets work that ends elsewhere (the OAuth callback) edit the reply. */
  interactionToken: string;
  /** Sends the first response, or edits it if the interaction was already acknowledged. */
  reply(message: BotMessage): Promise<void>;
  /** Acknowledges now (Discord's 3-second rule); the answer follows with edit. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  edit(message: BotMessage): Promise<void>;
}

/** Discord's limits on an autocomplete answer: how many choices, and how long a choice's name and value. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, length: 100 } as const;

/** One suggestion for an option being typed (see AUTOCOMPLETE_LIMITS). */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

/** A member typing into an option marked `autocomplete`: answered with suggestions, within Discord's 3 seconds. */
export interface AutocompleteContext {
  commandName: string;
  user: CommandUser;
  guildId: string | null;
  locale: string | null;
  /** What has been filled in so far. */
  options: CommandOptions;
  /** The option being typed, and what is typed so far. */
  focused: { name: string; value: string };
}

/**
 * A member pressed a button on one of the bot's messages (interaction type 3).
 * The custom id is whatever the pressing client sent: it carries no trust.
 */
export interface ComponentContext {
  customId: string;
  user: CommandUser;
  /** As for a command: the server whose settings apply, or null. */
  guildId: string | null;
  place: Place;
  channelId: string | null;
  locale: string | null;
  /** The server's preferred locale, for a copy posted to the channel. */
  guildLocale?: string | null;
  memberPermissions: bigint | null;
  appPermissions: bigint | null;
  interactionToken: string;
  /** A new message answering the press (ephemeral when asked); after an ack, edits the response instead. */
  reply(message: BotMessage): Promise<void>;
  /** Acknowledges with a new message to come (ephemeral when asked), then edit. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** Acknowledges without a visible change (DEFERRED_UPDATE_MESSAGE); the pressed message is then changed with edit. */
  deferUpdate(): Promise<void>;
  /** Changes the pressed message at once (UPDATE_MESSAGE), or edits it after deferUpdate. */
  update(message: BotMessage): Promise<void>;
  /** Edits the response: the pressed message after deferUpdate/update, the new message after reply/defer. */
  edit(message: BotMessage): Promise<void>;
  /**
   * Answers beside the pressed message, never replacing it (a refusal, a failure): the reply when nothing has
   * answered the press yet, an edit of the press's own new message after reply/defer, and a follow-up
   * (ephemeral when asked) after deferUpdate/update.
   */
  aside(message: BotMessage): Promise<void>;
}

/** Button presses a command handles: those whose custom id starts with `${prefix}:`. */
export interface ComponentHandler {
  prefix: string;
  handle(ctx: ComponentContext): Promise<void>;
}

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(ctx: CommandContext): Promise<void>;
  /** Suggestions for the command's autocomplete options. */
  autocomplete?(ctx: AutocompleteContext): AutocompleteChoice[] | Promise<AutocompleteChoice[]>;
  /** The buttons this command puts on its messages, pressed. */
  components?: ComponentHandler;
}

export function displayName(user: CommandUser): string {
  return user.globalName ?? user.username;
}
