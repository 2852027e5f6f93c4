// The actions of optimistic writes: what a write starts with (OpStart) and how its request
// goes (OptimisticAction). pending.ts applies them; the records they leave in the state
// (SendOp, ReactionOp, ...) are state types, in state.ts.
import type { LocalUpload, SendRequest, StoredError } from './state.ts';

// The operation records themselves are state (state.ts); named here too for their users.
export type { DeleteOp, EditOp, MessageOp, PendingOp, ReactionOp, ReadOp, SendOp } from './state.ts';

/** What a write starts with; the reducer computes the inverse. */
export type OpStart =
  | { kind: 'send'; id: string; cid: string; request: SendRequest; queued: boolean; uploads?: readonly LocalUpload[] }
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
