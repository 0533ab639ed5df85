import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { writeJson } from '../../platform/db/normalize.js';
import type { FieldProblem } from '../../platform/errors.js';
import type { Workspace, WorkspacesService } from '../workspaces/workspaces.service.js';
import { orderFromTrack } from './ecommerce.js';
import { eventColumns } from './event-columns.js';
import type { BatchStore, PreparedMessage } from './ingest-store.js';
import { deviceFields, profileFromMessage, touchOf } from './message-profile.js';
import type { MessageType } from './segment.schemas.js';
import { contextSummary, parseMessage } from './segment-message.js';

/** A rejected message: its position in the call and what is wrong with it. */
export interface Rejection extends FieldProblem {
  index: number;
}

/** Outcome of one ingestion call. */
export interface IngestResult {
  /** Messages stored now. */
  accepted: number;
  /** Messages whose messageId was stored before (accepted again without effect). */
  duplicates: number;
  rejected: Rejection[];
}

/** How the raw messages of one call are to be read. */
export interface IngestOptions {
  /** The route's message type for single calls (/v1/track …); absent for batches. */
  type?: MessageType;
  receivedAt: number;
  batchSentAt?: string;
  batchContext?: Record<string, unknown>;
}

/**
 * The ingestion path: validate every message on its own, then store all valid ones of a call in
 * one transaction (profile, event, order, stats) through the batch store. Batch semantics
 * (docs/ingestion.md): a bad message is reported by index and never stops the good ones; a message
 * id seen before is a no-op.
 */
export class IngestService {
  constructor(
    private readonly batches: BatchStore,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  /** Ingests the raw messages of one call for a workspace. */
  async ingest(workspaceId: string, raws: unknown[], options: IngestOptions): Promise<IngestResult> {
    const workspace = await this.workspaces.get(workspaceId);
    const { prepared, rejected } = this.validate(workspace, raws, options);
    if (prepared.length === 0) return { accepted: 0, duplicates: 0, rejected };
    const stored = await this.batches.store(workspace, prepared, this.clock.now());
    const all = [...rejected, ...stored.rejected].sort((a, b) => a.index - b.index);
    return { accepted: stored.stored, duplicates: stored.duplicates, rejected: all };
  }

  /** Validates and normalises each message of a call on its own: the ones to store, and the problems of the others. */
  validate(workspace: Workspace, raws: unknown[], options: IngestOptions): { prepared: PreparedMessage[]; rejected: Rejection[] } {
    const rejected: Rejection[] = [];
    const prepared: PreparedMessage[] = [];
    raws.forEach((raw, index) => {
      const result = this.prepare(raw, index, workspace, options);
      if ('problems' in result) for (const p of result.problems) rejected.push({ index, ...p });
      else prepared.push(result);
    });
    return { prepared, rejected };
  }

  /** Lets batches being stored finish, then releases the store (the writer thread on SQLite). */
  close(): Promise<void> {
    return this.batches.close();
  }

  private prepare(raw: unknown, index: number, workspace: Workspace, options: IngestOptions): PreparedMessage | { problems: FieldProblem[] } {
    const parsed = parseMessage(raw, options);
    if (!parsed.ok) return { problems: parsed.problems };
    const message = parsed.message;
    const summary = contextSummary(message.context);
    const person = profileFromMessage(message, summary, workspace.phoneRegion);
    if ('problems' in person) return { problems: person.problems };
    const order = message.type === 'track' ? orderFromTrack(message, { currency: workspace.currency }) : null;
    if (order && !order.ok) return { problems: order.problems };
    return {
      index,
      event: {
        type: message.type,
        name: message.event,
        properties: writeJson(message.properties),
        context: writeJson(message.context),
        timestamp: message.timestamp,
        columns: eventColumns(message.properties, message.context),
      },
      messageId: message.messageId ?? randomUUID(),
      person,
      device: deviceFields(summary),
      touch: touchOf(summary, message.timestamp),
      order: order ? order.command : null,
    };
  }
}
