import { PermissionFlagsBits } from 'discord-api-types/v10';

/** What the bot needs in a channel to post reports, with the names Discord's UI uses. */
export const REPORT_CHANNEL_PERMISSIONS: Array<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channels'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AttachFiles, 'Attach Files'],
];

export function missingNames(perms: bigint, needed = REPORT_CHANNEL_PERMISSIONS): string[] {
  return needed.filter(([flag]) => (perms & flag) !== flag).map(([, name]) => name);
}
