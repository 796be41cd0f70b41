// The weekly digest as a Components V2 message: the week's board, its
// highlights (the week's top post, the biggest grower, members in their
// first week on the board), how fresh the figures are and what reading cost.

import { type APIMessageTopLevelComponent, ComponentType, SeparatorSpacingSize } from 'discord-api-types/v10';
import type { BotMessage } from '../interaction/contract.js';
import type { BoardAnswer, Highlights } from '../leaderboard/board-service.js';
import type { Catalog } from '../text/catalog.js';

const text = (content: string) => ({ type: ComponentType.TextDisplay as const, content });

export interface DigestContent {
  answer: BoardAnswer;
  highlights: Highlights;
  dueAt: number;
  /** How late it is posted, when more than a minute. */
  lateMs: number | null;
  timeZone: string;
}

export function digestLayout(t: Catalog, c: DigestContent): BotMessage {
  const d = t.digest;
  const l = t.leaderboard;
  const { board, reads } = c.answer;
  const lines = board.top.map((r) => l.line(r.place, r.discordUserId, r.screenName, r.value, r.change));
  const h = c.highlights;
  const highlights = [
    h.topPost ? d.topPost(h.topPost.discordUserId, h.topPost.screenName, h.topPost.postId, h.topPost.engagement, h.topPost.excerpt) : null,
    h.grower ? d.grower(h.grower.discordUserId, h.grower.change) : null,
    h.newcomers.length ? d.newcomers(h.newcomers) : null,
  ].filter((x): x is string => x !== null);
  const notes = [
    l.what('engagement'),
    l.changeNote(7),
    ...(board.unranked > 0 ? [l.unranked(board.unranked)] : []),
    reads.budgetShort > 0 ? d.stored(c.answer.dataAsOf) : l.asOf(c.answer.dataAsOf),
    l.cost(reads.members, reads.postsRead, reads.costMicroUsd, reads.budgetShort),
  ];
  const components = [
    text(d.title(c.dueAt)),
    ...(c.lateMs !== null ? [text(d.late(c.dueAt, c.lateMs))] : []),
    text(c.answer.members === 0 ? l.nobody : lines.length ? lines.join('\n') : l.empty),
    ...(highlights.length
      ? [{ type: ComponentType.Separator as const, divider: true, spacing: SeparatorSpacingSize.Small }, text(highlights.join('\n'))]
      : []),
    text(notes.map((n) => `-# ${n}`).join('\n')),
  ];
  const layout: APIMessageTopLevelComponent[] = [{ type: ComponentType.Container, accent_color: 0x1d9bf0, components }];
  return { layout };
}
