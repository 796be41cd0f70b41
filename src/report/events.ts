// What reports tell the rest of the bot (see events/bus.ts).

import type { LinkedAccount } from '../db/schema.js';
import type { XUserProfile } from '../twitter/v2-types.js';

export interface ReportEvents {
  /** A report read the member's X profile anyway: whoever shows it (Linked Roles) may refresh from it at no cost. */
  profileRead: { account: LinkedAccount; profile: XUserProfile };
}
