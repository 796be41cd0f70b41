// `npm run register-commands [-- --guild <id>]`: tells Discord about every
// slash command, and about the Linked Roles metadata fields (those are the
// application's, whichever server the commands go to). npm runs it from the
// sources with tsx, so nothing is built first; the configuration is checked
// before the command modules are even loaded, so a missing variable is named
// at once.

import { parseArgs } from 'node:util';
import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadDiscordRestConfig } from '../config/env.js';

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({ options: { guild: { type: 'string' } } });
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
    process.stderr.write(`--guild needs a server id (a number), got "${values.guild}"\n`);
    return 2;
  }
  const config = loadDiscordRestConfig(process.env);
  const [{ commandDefinitions }, { registerCommands, registerRoleConnectionMetadata }, { createRest }, { ROLE_CONNECTION_METADATA }] =
    await Promise.all([
      import('../commands/index.js'),
      import('../discord-api/registration.js'),
      import('../discord-api/rest.js'),
      import('../role-connections/metadata.js'),
    ]);
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
