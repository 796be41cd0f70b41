import type { CommandDeps } from '../command-module.js';

/** What /twitter-admin's subcommands use. */
export type AdminDeps = Pick<
  CommandDeps,
  'settings' | 'members' | 'roles' | 'budget' | 'guildApi' | 'pricing' | 'gateway' | 'now' | 'digests' | 'boards'
>;
