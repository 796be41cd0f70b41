// The tests' gateway: the local Discord's (src/local-discord) with the tests' bot user.

import { GatewayStandIn as LocalGateway } from '../../src/local-discord/gateway.js';
import { BOT_USER_ID } from './discord-stand-in.js';

export type { GatewayGuild } from '../../src/local-discord/gateway.js';

export class GatewayStandIn extends LocalGateway {
  constructor(options: { heartbeatMs?: number } = {}) {
    super({ ...options, botUserId: BOT_USER_ID });
  }
}
