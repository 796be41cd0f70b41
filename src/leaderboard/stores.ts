// Who joined each server's leaderboard: the port. Each engine has its
// adapter (storage/sqlite, storage/postgres); the board and the commands see
// only this. Unlinking takes a member off every board in the transaction that
// forgets the rest of their data (Stores.forgetMemberData), so no method here
// does it apart from that.

export interface BoardMembership {
  discordUserId: string;
  joinedAt: number;
}

export interface LeaderboardStore {
  /** Joins; true when the member was not on this server's board yet. */
  join(guildId: string, discordUserId: string, now: number): Promise<boolean>;
  /** Leaves; true when the member was on it. */
  leave(guildId: string, discordUserId: string): Promise<boolean>;
  /** This server's board members, oldest first. */
  members(guildId: string): Promise<BoardMembership[]>;
  isMember(guildId: string, discordUserId: string): Promise<boolean>;
  /** The bot left the server: its board goes. */
  forgetGuild(guildId: string): Promise<void>;
}
