// Files of a message being sent (PROTOCOL.md section 8): the local copy shows each file at
// once, with its upload progress (0..1), a local preview where the runtime has one, and
// its state; the send goes out when every file is uploaded. The files themselves (Blobs)
// never enter the store: the handle keeps them (src/handles/messageUploads.ts); the store
// holds what the UI shows, as plain data. A server copy of the message replaces the local
// one, and with it `uploads`: the server's attachments then show the files.
import type { Attachment } from '../models/generated/types.ts';
import type { ChatState, LocalMessage, LocalUpload, StoredError } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import { storeMessage } from './messages.ts';
import { tablePeek } from './table.ts';
import { peek } from './peek.ts';

export type UploadAction =
  /** Bytes sent so far of one file, as a fraction; also (re)starts a file (retry). */
  | { type: 'upload/progress'; cid: string; messageId: string; uploadId: string; progress: number }
  /** A file's upload ended: uploaded (with the attachment it becomes), failed or cancelled. */
  | { type: 'upload/settled'; cid: string; messageId: string; uploadId: string; state: 'uploaded'; attachment: Attachment; size: number }
  | { type: 'upload/settled'; cid: string; messageId: string; uploadId: string; state: 'failed' | 'cancelled'; error: StoredError };

/** A message's files, in the order given, with nothing sent yet. */
export function newUploads(files: ReadonlyArray<{ id: string; name: string; type: string; size: number; previewUrl?: string }>): LocalUpload[] {
  return files.map((f) => {
    const u: LocalUpload = { id: f.id, name: f.name, type: f.type, size: f.size, progress: 0, state: 'uploading' };
    if (f.previewUrl !== undefined) u.previewUrl = f.previewUrl;
    return u;
  });
}

/** The held local copy of a message whose upload `uploadId` is known, without drafting. */
function heldWith(state: ChatState, cid: string, messageId: string, uploadId: string): { m: LocalMessage; i: number } | undefined {
  const ch = tablePeek(peek(state).channels, cid);
  const m = ch ? tablePeek(peek(ch).messages, messageId) : undefined;
  // A server copy (received) has no uploads: a late progress report changes nothing.
  if (!m || m.status === 'received' || !m.uploads) return undefined;
  const i = m.uploads.findIndex((u) => u.id === uploadId);
  return i < 0 ? undefined : { m, i };
}

function clamp01(p: number): number {
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

/** Apply an upload action. A repeat (same progress, same settlement) changes nothing. */
export function reduceUpload(state: ChatState, ctx: ReducerContext, action: UploadAction): void {
  const found = heldWith(state, action.cid, action.messageId, action.uploadId);
  if (!found) return;
  const { m, i } = found;
  const prev = m.uploads?.[i] as LocalUpload;
  let next: LocalUpload;
  if (action.type === 'upload/progress') {
    const progress = clamp01(action.progress);
    // An uploaded file stays uploaded (a late report of its last bytes changes nothing).
    if (prev.state === 'uploaded' || (prev.state === 'uploading' && prev.progress === progress)) return;
    const { error: _error, ...rest } = prev;
    next = { ...rest, state: 'uploading', progress };
  } else if (action.state === 'uploaded') {
    if (prev.state === 'uploaded') return;
    const { error: _error, ...rest } = prev;
    // The size is known for sure once uploaded (a stream's only then).
    next = { ...rest, state: 'uploaded', progress: 1, size: action.size, attachment: action.attachment };
  } else {
    if (prev.state === action.state || prev.state === 'uploaded') return;
    next = { ...prev, state: action.state, error: action.error };
  }
  const ch = channelDraft(state, ctx, action.cid);
  if (!ch) return;
  const uploads = [...(m.uploads as readonly LocalUpload[])];
  uploads[i] = next;
  storeMessage(ch, { ...m, uploads });
}
