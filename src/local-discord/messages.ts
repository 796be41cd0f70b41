// The messages a member sees, as the local Discord holds them: each answer to
// an interaction (its original response and follow-ups), each message the bot
// posts in a channel or DM, with every later edit applied. Tests assert on
// these, and the sandbox console shows them, rather than on request bodies.

import { EPHEMERAL, IS_COMPONENTS_V2, refusal } from './message-rules.js';

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface SeenMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  attachments: StoredFile[];
  /** The interaction whose response or follow-up this is. */
  interactionToken?: string;
  /** Deferred (type 5) and not yet edited: the member sees "… is thinking". */
  thinking: boolean;
  edits: number;
  /** The nonce a channel message was sent with under enforce_nonce: the same nonce again is this message. */
  nonce?: string;
}

/** An interaction as Discord holds it: where it happened, and what answered it. */
export interface OpenInteraction {
  id: string;
  token: string;
  channelId: string;
  /** For a component press: the message the component is on (types 6 and 7 answer by changing it). */
  messageId?: string;
  answered: boolean;
  /**
   * An edit of @original came before the response did: the stand-in made the message then. A response handed over
   * afterwards (HTTP mode: the console or a test passes the bot's HTTP answer on after reading it, which the bot's
   * next REST call can overtake) is the older of the two, so it changes nothing.
   */
  overtaken?: boolean;
  /** The message @original names, once there is one. */
  originalId?: string;
}

const enforcedNonce = (data: Record<string, unknown>): string | undefined =>
  data.enforce_nonce === true && (typeof data.nonce === 'string' || typeof data.nonce === 'number') ? String(data.nonce) : undefined;

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; code: number; message: string };

export class MessageLog {
  readonly messages: SeenMessage[] = [];
  private readonly interactions = new Map<string, OpenInteraction>();
  private sequence = 0n;
  /** Most messages kept (the oldest go first): the sandbox runs for hours. */
  keep = Number.POSITIVE_INFINITY;
  /** Most interactions remembered (the oldest go first): Discord's tokens live 15 minutes, the sandbox for hours. */
  keepInteractions = Number.POSITIVE_INFINITY;
  /** Every body refused as Discord would refuse it (400, Invalid Form Body), with why: tests assert there were none. */
  readonly refused: string[] = [];
  /** Called after every change, with the message changed. */
  onChange: (message: SeenMessage) => void = () => {};

  constructor(private readonly firstId = 1_400_000_000_000_000_000n) {}

  private invalid(why: string): Outcome<never> {
    this.refused.push(why);
    return { ok: false, status: 400, code: 50035, message: `Invalid Form Body: ${why}` };
  }

  nextId(): string {
    return (this.firstId + ++this.sequence).toString();
  }

  /** Discord knows an interaction once it sends it; one the stand-in never saw sent is known from its first use. */
  open(interaction: Omit<OpenInteraction, 'answered'>): OpenInteraction {
    const opened = { ...interaction, answered: false };
    this.interactions.set(interaction.token, opened);
    if (this.interactions.size > this.keepInteractions) this.interactions.delete(this.interactions.keys().next().value ?? '');
    return opened;
  }

  interaction(token: string): OpenInteraction {
    return this.interactions.get(token) ?? this.open({ id: '0', token, channelId: '0' });
  }

  find(id: string): SeenMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** Whether Discord sent an interaction with this token (a token it never sent names no webhook). */
  knows(token: string): boolean {
    return this.interactions.has(token);
  }

  /**
   * A channel message sent with enforce_nonce: Discord answers a nonce it saw lately in that channel with the
   * message it made then, not a new one (a retry after a lost answer posts once).
   */
  sentWithNonce(channelId: string, data: Record<string, unknown>): SeenMessage | undefined {
    const nonce = enforcedNonce(data);
    return nonce === undefined ? undefined : this.messages.find((m) => m.nonce === nonce && m.channelId === channelId);
  }

  /** The interaction's response (types 4-7), given by callback or by the HTTP answer. */
  respond(token: string, type: number, data: Record<string, unknown>, files: StoredFile[]): Outcome<SeenMessage | null> {
    const interaction = this.interaction(token);
    if (interaction.overtaken) {
      interaction.overtaken = false;
      const made = this.original(token);
      // Whether only the member sees it is the response's to say.
      if (made && typeof data.flags === 'number') made.flags |= data.flags & EPHEMERAL;
      return { ok: true, value: made ?? null };
    }
    if (interaction.answered) return { ok: false, status: 400, code: 40060, message: 'Interaction has already been acknowledged.' };
    if (type === 6 || type === 7) {
      const pressed = interaction.messageId ? this.find(interaction.messageId) : undefined;
      interaction.answered = true;
      interaction.originalId = pressed?.id;
      if (type === 6 || !pressed) return { ok: true, value: pressed ?? null };
      return this.edit(pressed, data, files);
    }
    if (type !== 4 && type !== 5) {
      interaction.answered = true;
      return { ok: true, value: null };
    }
    const made = this.create(interaction.channelId, type === 4 ? data : { flags: data.flags }, type === 4 ? files : [], token);
    if (!made.ok) return made;
    interaction.answered = true;
    interaction.originalId = made.value.id;
    made.value.thinking = type === 5;
    return made;
  }

  /** The message @original names; Discord answers 404 Unknown Message before there is one. */
  original(token: string): SeenMessage | undefined {
    const id = this.interactions.get(token)?.originalId;
    return id ? this.find(id) : undefined;
  }

  /** A token's edits of @original before any response: the stand-in takes the edit as the response (tests skip the ack). */
  originalOrNew(token: string): Outcome<SeenMessage> {
    const found = this.original(token);
    if (found) return { ok: true, value: found };
    const made = this.create(this.interaction(token).channelId, {}, [], token);
    if (made.ok) {
      const interaction = this.interaction(token);
      interaction.answered = true;
      interaction.overtaken = true;
      interaction.originalId = made.value.id;
    }
    return made;
  }

  create(channelId: string, data: Record<string, unknown>, files: StoredFile[], token?: string): Outcome<SeenMessage> {
    const why = refusal(
      data,
      files.map((f) => f.filename),
    );
    if (why) return this.invalid(why);
    const message: SeenMessage = {
      id: this.nextId(),
      channelId,
      content: typeof data.content === 'string' ? data.content : '',
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      flags: typeof data.flags === 'number' ? data.flags & (IS_COMPONENTS_V2 | EPHEMERAL) : 0,
      attachments: files,
      interactionToken: token,
      thinking: false,
      edits: 0,
      nonce: token ? undefined : enforcedNonce(data),
    };
    this.messages.push(message);
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
    this.onChange(message);
    return { ok: true, value: message };
  }

  /** An edit: fields given replace, fields left out stay; IS_COMPONENTS_V2 once set stays. */
  edit(message: SeenMessage, data: Record<string, unknown>, files: StoredFile[]): Outcome<SeenMessage> {
    const kept = Array.isArray(data.attachments)
      ? message.attachments.filter((a) => (data.attachments as Array<{ id?: unknown }>).some((k) => String(k.id) === a.id))
      : message.attachments;
    const attachments = [...kept, ...files];
    const why = refusal(
      data,
      attachments.map((f) => f.filename),
      message.flags & IS_COMPONENTS_V2,
    );
    if (why) return this.invalid(why);
    if (typeof data.content === 'string') message.content = data.content;
    if (Array.isArray(data.embeds)) message.embeds = data.embeds;
    if (Array.isArray(data.components)) message.components = data.components;
    if (typeof data.flags === 'number') message.flags |= data.flags & IS_COMPONENTS_V2;
    message.attachments = attachments;
    message.thinking = false;
    message.edits++;
    this.onChange(message);
    return { ok: true, value: message };
  }

  remove(message: SeenMessage): void {
    const at = this.messages.indexOf(message);
    if (at >= 0) this.messages.splice(at, 1);
    this.onChange(message);
  }
}
