// A button press below the doors: its input, and a transport that records
// what Discord would be sent, one line per call ("deferUpdate",
// "edit:<text>", "followUp:<text> (private)", …).

import type { ComponentInput, ComponentTransport } from '../../src/discord/run-component.js';
import type { BotMessage } from '../../src/interaction/contract.js';
import { BOT_DM } from '../../src/interaction/place.js';
import { layoutText } from './layout-text.js';

/** A press of `customId` in the bot's DM by a member (id '1' unless given). */
export function pressInput(customId: string, user = { id: '1', username: 'a', globalName: null }): ComponentInput {
  return {
    customId,
    user,
    guildId: null,
    place: BOT_DM,
    channelId: null,
    locale: null,
    memberPermissions: null,
    appPermissions: null,
    interactionToken: 'press-token',
  };
}

/** A message as a line: its content, or its Components V2 text; "(private)" on a follow-up that is ephemeral. */
const text = (m: BotMessage) => m.content ?? layoutText(m.layout as unknown[] | undefined);

export function recordingTransport(): { calls: string[]; transport: ComponentTransport } {
  const calls: string[] = [];
  const transport: ComponentTransport = {
    respond: async (m) => void calls.push(`respond:${text(m)}`),
    defer: async (ephemeral) => void calls.push(`defer:${ephemeral}`),
    update: async (m) => void calls.push(`update:${text(m)}`),
    deferUpdate: async () => void calls.push('deferUpdate'),
    editOriginal: async (m) => void calls.push(`edit:${text(m)}`),
    followUp: async (m) => void calls.push(`followUp:${text(m)}${m.ephemeral ? ' (private)' : ''}`),
  };
  return { calls, transport };
}
