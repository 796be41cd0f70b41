// `npm run register-commands [-- --guild <id>]`: tells Discord about every
// slash command, and about the Linked Roles metadata fields (those are the
// application's, whichever server the commands go to).

import { parseArgs } from 'node:util';
import { commandDefinitions } from '../commands/index.js';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadDiscordRestConfig } from '../config/env.js';
import { registerCommands, registerRoleConnectionMetadata } from '../discord-api/registration.js';
import { createRest } from '../discord-api/rest.js';
import { ROLE_CONNECTION_METADATA } from '../role-connections/metadata.js';

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({ options: { guild: { type: 'string' } } });
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
    process.stderr.write(`--guild needs a server id (a number), got "${values.guild}"\n`);
    return 2;
  }
  const config = loadDiscordRestConfig(process.env);
  const rest = createRest(config.discordApiUrl, config.discordToken);
  const registered = await registerCommands(rest, config.discordApplicationId, commandDefinitions, values.guild);
  const where = values.guild ? `in server ${values.guild} (available now)` : 'globally (may take up to an hour to appear everywhere)';
  process.stdout.write(`Registered ${registered.length} commands ${where}:\n`);
  for (const command of registered) process.stdout.write(`  /${command.name}  ${command.description}\n`);
  const fields = await registerRoleConnectionMetadata(rest, config.discordApplicationId, ROLE_CONNECTION_METADATA);
  process.stdout.write(
    `Registered ${fields.length} Linked Roles metadata fields (for role requirements in Server Settings → Roles → Links):\n`,
  );
  for (const field of fields) process.stdout.write(`  ${field.key}  ${field.name}: ${field.description}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `Registration failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
