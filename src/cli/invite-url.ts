// `npm run invite-url`: prints the two install links: a server admin's (the
// bot joins the server) and a member's (the member commands on their own account).
// npm runs it from the sources with tsx: nothing is built first.

import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError, loadDiscordRestConfig } from '../config/env.js';
import { BOT_PERMISSION_LIST } from '../discord-api/bot-permissions.js';
import { inviteUrl, userInstallUrl } from '../discord-api/registration.js';

loadDotEnv();
try {
  const config = loadDiscordRestConfig(process.env, false);
  process.stdout.write(
    `${inviteUrl(config.discordApplicationId)}\n\n` +
      'Open it as a server admin to add the bot with the commands scope and only the permissions it uses:\n' +
      `${BOT_PERMISSION_LIST.map((p) => p.name).join(', ')}.\n` +
      'Manage Roles is not asked for: it only matters once an admin sets a role for linked members\n' +
      "(/twitter-admin linked-role set); grant it to the bot's role then, and keep that role above the one it gives.\n" +
      `\n${userInstallUrl(config.discordApplicationId)}\n\n` +
      'Open it as a member to add /link-twitter, /report and /unlink-twitter to your own Discord account: usable in any\n' +
      'server, DM or group DM, no admin needed. Where the bot itself is not in the server, answers are private and no\n' +
      'server settings or budget apply (the app-wide X budget does); /leaderboard and /twitter-admin need the server install.\n',
  );
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).message}\n`);
  process.exit(1);
}
