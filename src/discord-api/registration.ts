// Installing the bot: the invite link and slash-command registration.

import type { REST } from '@discordjs/rest';
import {
  type APIApplicationRoleConnectionMetadata,
  OAuth2Scopes,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
  type RESTPutAPIApplicationRoleConnectionMetadataResult,
  Routes,
} from 'discord-api-types/v10';
import { BOT_PERMISSIONS } from './bot-permissions.js';

/** A server admin adds the bot (and its permissions) to a server. */
export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: permissions.toString(),
    integration_type: '0',
  });
  return `https://discord.com/oauth2/authorize?${params.toString().replace(/\+/g, '%20')}`;
}

/** A member adds the bot's member commands to their own account: no bot user, no permissions, no server needed. */
export function userInstallUrl(applicationId: string): string {
  const params = new URLSearchParams({ client_id: applicationId, scope: OAuth2Scopes.ApplicationsCommands, integration_type: '1' });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** Bulk-overwrites the application's commands, globally or in one guild (instant, for development). */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId?: string,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  return (await rest.put(route, { body: definitions })) as RESTPutAPIApplicationCommandsResult;
}

/** Replaces the application's Linked Roles metadata fields (application-wide; at most 5). */
export async function registerRoleConnectionMetadata(
  rest: REST,
  applicationId: string,
  records: APIApplicationRoleConnectionMetadata[],
): Promise<RESTPutAPIApplicationRoleConnectionMetadataResult> {
  return (await rest.put(Routes.applicationRoleConnectionMetadata(applicationId), {
    body: records,
  })) as RESTPutAPIApplicationRoleConnectionMetadataResult;
}
