// The stored report views whose buttons a member may press (see
// report_views in db/schema.ts). A view is looked up by its random id and
// answered only to its owner, under the link it was made with.

import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Sync } from '../../db/async-store.js';
import type { Db } from '../../db/database.js';
import { reportViews } from '../../db/schema.js';
import { type NewReportView, type ReportView, type ReportViewStore, VIEW_LIFETIME_MS } from '../../report/stores.js';

export class SqliteViewStore implements Sync<ReportViewStore> {
  constructor(private readonly db: Db) {}

  /** Records a view, and lets expired ones go (a report is rare enough to carry that). */
  create(view: NewReportView): void {
    this.db.transaction((tx) => {
      tx.delete(reportViews)
        .where(lt(reportViews.createdAt, view.createdAt - VIEW_LIFETIME_MS))
        .run();
      tx.insert(reportViews).values(view).run();
    });
  }

  get(id: string): ReportView | undefined {
    return this.db.select().from(reportViews).where(eq(reportViews.id, id)).get();
  }

  /** Marks the view shared; false when it already was (two presses at once share once). */
  markShared(id: string, at: number): boolean {
    return (
      this.db
        .update(reportViews)
        .set({ sharedAt: at })
        .where(and(eq(reportViews.id, id), isNull(reportViews.sharedAt)))
        .run().changes === 1
    );
  }

  /** A share that could not be posted: the member may try again. */
  unmarkShared(id: string): void {
    this.db.update(reportViews).set({ sharedAt: null }).where(eq(reportViews.id, id)).run();
  }

  forget(discordUserId: string): void {
    this.db.delete(reportViews).where(eq(reportViews.discordUserId, discordUserId)).run();
  }
}
