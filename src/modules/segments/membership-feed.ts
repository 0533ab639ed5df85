import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { ChangeFeedRepo, feedStart, type MembershipChange } from './change-feed.repo.js';

// The feed of segment entries and exits for the features that act on them (journeys, triggers):
// each reader has a name and a cursor in feed_cursors, so a restart resumes where the reader
// stopped, and a change is read again until the reader commits past it (at-least-once; a reader
// makes its effects once by a unique key of its own, e.g. the change's id). Changes come in feed
// order, which on PostgreSQL is the order of their transactions, not of their ids
// (change-feed.repo.ts): a reader commits the last change it handled, never the largest id.

/** Reads segment entries and exits from persisted cursors. */
export class MembershipFeed {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /** The next committed changes after the reader's cursor (a new reader starts at the feed's start). */
  async next(reader: string, limit = 1000): Promise<MembershipChange[]> {
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    const position = (await feed.cursor(`membership:${reader}`, feedStart, this.clock.now())) ?? feedStart;
    return feed.membershipChanges(position, Math.max(1, Math.min(limit, 10_000)));
  }

  /** Moves the reader's cursor past the change `id` and every change `next` returned before it (never back). */
  async commit(reader: string, id: number): Promise<void> {
    await new ChangeFeedRepo(this.db.kysely, this.db.caps).advanceToMembershipChange(`membership:${reader}`, id, this.clock.now());
  }
}
