// The permissions the bot asks for when invited, and needs in a channel to
// post reports, once, with the names Discord's UI gives them.

import { PermissionFlagsBits } from 'discord-api-types/v10';

export const BOT_PERMISSION_LIST: ReadonlyArray<{ flag: bigint; name: string }> = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channels' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
  { flag: PermissionFlagsBits.AttachFiles, name: 'Attach Files' },
];

/** Only what the bot uses: read the channel, answer, embed reports and attach charts. */
export const BOT_PERMISSIONS = BOT_PERMISSION_LIST.reduce((bits, p) => bits | p.flag, 0n);

/** The names of the bot's permissions that `perms` lacks. */
export function missingBotPermissions(perms: bigint): string[] {
  return BOT_PERMISSION_LIST.filter(({ flag }) => (perms & flag) !== flag).map(({ name }) => name);
}
