// Report views on PostgreSQL (see report/view-store.ts).

import { and, eq, isNull, lt } from 'drizzle-orm';
import type { PgDb } from '../../db/postgres.js';
import { reportViews } from '../../db/schema-pg.js';
import { type NewReportView, type ReportView, type ReportViewStore, VIEW_LIFETIME_MS } from '../../report/stores.js';

export class PgReportViewStore implements ReportViewStore {
  constructor(private readonly db: PgDb) {}

  async create(view: NewReportView): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(reportViews).where(lt(reportViews.createdAt, view.createdAt - VIEW_LIFETIME_MS));
      await tx.insert(reportViews).values(view);
    });
  }

  async get(id: string): Promise<ReportView | undefined> {
    const [row] = await this.db.select().from(reportViews).where(eq(reportViews.id, id));
    return row;
  }

  async markShared(id: string, at: number): Promise<boolean> {
    const rows = await this.db
      .update(reportViews)
      .set({ sharedAt: at })
      .where(and(eq(reportViews.id, id), isNull(reportViews.sharedAt)))
      .returning({ id: reportViews.id });
    return rows.length === 1;
  }

  async unmarkShared(id: string): Promise<void> {
    await this.db.update(reportViews).set({ sharedAt: null }).where(eq(reportViews.id, id));
  }

  async forget(discordUserId: string): Promise<void> {
    await this.db.delete(reportViews).where(eq(reportViews.discordUserId, discordUserId));
  }
}
