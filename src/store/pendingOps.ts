// The records of pending optimistic operations (see pending.ts for what they do and
// pendingTable.ts for how state holds them). Each keeps its intent, the exact inverse of
// what it changed, and `seq`, its start order among all pending operations.
import type { ReactionResponse } from '../models/generated/types.ts';
import type { LocalMessage, StoredError } from './state.ts';
import type { FieldsBefore, ReactionChange, SendRequest } from './optimisticMessages.ts';
import type { ReadOp } from './optimisticReads.ts';

/** A message send: `queued` waits for the connection, `sending` is out, `failed` waits for a retry. */
export interface SendOp {
  kind: 'send';
  id: string;
  cid: string;
  messageId: string;
  request: SendRequest;
  phase: 'queued' | 'sending' | 'failed';
  /** The created_at the local copy has (a thread's reply index is keyed by it). */
  at: number;
  /**
   * The local clock when the request went out: at the start, when it left the queue, or at
   * a retry. Absent while queued. With the server's time for the message it gives the lead
   * (PendingTable.lead).
   */
  sentAt?: number;
  /** Start order among all pending operations (oldest first: the outbox sends in this order). */
  seq: number;
}

/** sendReaction (add set) or deleteReaction (add null). */
export interface ReactionOp {
  kind: 'reaction';
  id: string;
  cid: string;
  messageId: string;
  type: string;
  add: ReactionResponse | null;
  enforceUnique: boolean;
  change: ReactionChange;
  seq: number;
}

export interface EditOp {
  kind: 'update';
  id: string;
  cid: string;
  messageId: string;
  patch: Readonly<Record<string, unknown>>;
  at: number;
  before: FieldsBefore;
  seq: number;
}

export interface DeleteOp {
  kind: 'delete';
  id: string;
  cid: string;
  messageId: string;
  hard: boolean;
  at: number;
  before: FieldsBefore;
  /** Hard delete: the copy removed, put back on rollback. */
  removed: LocalMessage | null;
  seq: number;
}

export type { ReadOp } from './optimisticReads.ts';
export type MessageOp = ReactionOp | EditOp | DeleteOp;
export type PendingOp = SendOp | MessageOp | ReadOp;

/** What a write starts with; the reducer computes the inverse. */
export type OpStart =
  | { kind: 'send'; id: string; cid: string; request: SendRequest; queued: boolean }
  | { kind: 'reaction'; id: string; cid: string; messageId: string; type: string; score?: number; enforceUnique: boolean }
  | { kind: 'unreaction'; id: string; cid: string; messageId: string; type: string }
  | { kind: 'update'; id: string; cid: string; messageId: string; patch: Readonly<Record<string, unknown>> }
  | { kind: 'delete'; id: string; cid: string; messageId: string; hard: boolean }
  | { kind: 'markRead'; id: string; cid: string }
  | { kind: 'markUnread'; id: string; cid: string; messageId: string };

export type OptimisticAction =
  | { type: 'op/started'; op: OpStart }
  | { type: 'op/phase'; opId: string; phase: 'queued' | 'sending' }
  | { type: 'op/succeeded'; opId: string }
  | { type: 'op/failed'; opId: string; error: StoredError }
  | { type: 'op/retried'; opId: string; queued: boolean };
