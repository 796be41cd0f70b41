// The transport-neutral shape every command handler sees. The gateway client
// and the HTTP interactions endpoint both turn a Discord interaction into this.

import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

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
  guildId: string | null;
  channelId: string | null;
  /** The member's Discord locale ("en-US", "de"): which catalog their answers come from. */
  locale: string | null;
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

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(ctx: CommandContext): Promise<void>;
  /** Suggestions for the command's autocomplete options. */
  autocomplete?(ctx: AutocompleteContext): AutocompleteChoice[] | Promise<AutocompleteChoice[]>;
}

export function displayName(user: CommandUser): string {
  return user.globalName ?? user.username;
}
