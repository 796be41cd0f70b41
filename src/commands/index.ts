// Every slash command the bot offers. Registration and both Discord doors read this list.

import type { LinkService } from '../linking/link-service.js';
import { linkTwitterCommand } from './link-twitter.js';
import type { Command } from './types.js';
import { unlinkTwitterCommand } from './unlink-twitter.js';

export interface CommandDeps {
  links: LinkService;
}

export function createCommands(deps: CommandDeps): Command[] {
  return [linkTwitterCommand(deps.links), unlinkTwitterCommand(deps.links)];
}
