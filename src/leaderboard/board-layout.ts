// A board as a Components V2 message: a container with the title, the top
// ten, the caller's own place, and what the figures count and cost.

import { type APIMessageTopLevelComponent, ComponentType, SeparatorSpacingSize } from 'discord-api-types/v10';
import type { BotMessage } from '../interaction/contract.js';
import type { Catalog } from '../text/catalog.js';
import type { BoardAnswer } from './board-service.js';
import type { BoardMetric } from './ranking.js';

const text = (content: string) => ({ type: ComponentType.TextDisplay as const, content });

export function boardLayout(t: Catalog, answer: BoardAnswer, metric: BoardMetric, days: number, callerOn: boolean): BotMessage {
  const l = t.leaderboard;
  const { board, reads } = answer;
  const lines = board.top.map((r) => l.line(r.place, r.discordUserId, r.screenName, r.value, r.change));
  const body = answer.members === 0 ? l.nobody : lines.length ? lines.join('\n') : l.empty;
  const you = board.caller ? l.you(board.caller.place, board.ranked) : callerOn ? l.youUnranked : l.youNotOn;
  const notes = [
    l.what(metric),
    l.changeNote(days),
    ...(board.unranked > 0 ? [l.unranked(board.unranked)] : []),
    l.asOf(answer.dataAsOf),
    l.cost(reads.members, reads.postsRead, reads.costMicroUsd, reads.budgetShort),
  ];
  const layout: APIMessageTopLevelComponent[] = [
    {
      type: ComponentType.Container,
      accent_color: 0x1d9bf0,
      components: [
        text(l.title(metric, days)),
        text(body),
        { type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small },
        text(you),
        text(notes.map((n) => `-# ${n}`).join('\n')),
      ],
    },
  ];
  return { layout };
}
