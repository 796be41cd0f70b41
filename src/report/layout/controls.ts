// The report's buttons and their custom ids. A custom id names a stored
// report view (an opaque random id) and an action; it grants nothing: the
// press handler looks the view up and checks who owns it.

import { type APIActionRowComponent, type APIButtonComponentWithCustomId, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Catalog } from '../../text/catalog.js';

export const REPORT_BUTTON_PREFIX = 'report';
/** 16 random bytes, base64url: not guessable, and short enough for Discord's 100-character custom ids. */
export const VIEW_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type ReportAction = { kind: 'period'; days: number } | { kind: 'share' } | { kind: 'csv' } | { kind: 'join' };

/** What the buttons of one rendered report need. */
export interface ReportControls {
  viewId: string;
  /** The period shown: its button is disabled. */
  days: number;
  periods: readonly number[];
  /** Offer Share in channel: a private report, in a channel where the server allows public ones. */
  shareable: boolean;
  /** Offer Join leaderboard: a report made in a server that installed the bot (absent in views stored before it existed). */
  joinable?: boolean;
}

function actionName(action: ReportAction): string {
  return action.kind === 'period' ? `d${action.days}` : action.kind;
}

export function reportCustomId(viewId: string, action: ReportAction): string {
  return `${REPORT_BUTTON_PREFIX}:${viewId}:${actionName(action)}`;
}

/** The view and action a pressed custom id names, or null for anything this bot did not make. */
export function parseReportCustomId(customId: string): { viewId: string; action: ReportAction } | null {
  const [prefix, viewId, action, ...rest] = customId.split(':');
  if (prefix !== REPORT_BUTTON_PREFIX || !viewId || !VIEW_ID_PATTERN.test(viewId) || !action || rest.length > 0) return null;
  if (action === 'share' || action === 'csv' || action === 'join') return { viewId, action: { kind: action } };
  const period = /^d([1-9]\d{0,2})$/.exec(action);
  return period ? { viewId, action: { kind: 'period', days: Number(period[1]) } } : null;
}

/** The report's rows of buttons: periods, Share and CSV; then Join leaderboard where it applies (a row holds five). */
export function controlRows(t: Catalog, c: ReportControls): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows = [controlRow(t, c)];
  if (c.joinable) {
    const join: APIButtonComponentWithCustomId = {
      type: ComponentType.Button,
      custom_id: reportCustomId(c.viewId, { kind: 'join' }),
      label: t.leaderboard.joinButton,
      style: ButtonStyle.Success,
    };
    rows.push({ type: ComponentType.ActionRow, components: [join] });
  }
  return rows;
}

function controlRow(t: Catalog, c: ReportControls): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const b = t.reportView.buttons;
  const button = (action: ReportAction, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary, disabled = false) => ({
    type: ComponentType.Button as const,
    custom_id: reportCustomId(c.viewId, action),
    label,
    style,
    disabled,
  });
  const buttons: APIButtonComponentWithCustomId[] = c.periods.map((days) =>
    button({ kind: 'period', days }, b.days(days), days === c.days ? ButtonStyle.Primary : ButtonStyle.Secondary, days === c.days),
  );
  if (c.shareable) buttons.push(button({ kind: 'share' }, b.share, ButtonStyle.Secondary));
  buttons.push(button({ kind: 'csv' }, b.csv, ButtonStyle.Secondary));
  return { type: ComponentType.ActionRow, components: buttons };
}
