// Uploads of a channel (UploadChannelFile/Image, DeleteChannelFile/Image) and the files of a
// message sent with `files` (PROTOCOL.md section 8): the message shows at once with each
// file's progress and preview, the files upload first (cancellable), then the message is
// sent with them as attachments; a failed or cancelled upload leaves the message `failed`,
// and a retry uploads only what is not uploaded yet.
//
// The files themselves stay here, in a registry per client (state holds plain data only):
// a stream is read once into a Blob, so a retry never needs the stream again. A file's
// entry goes when its message is sent or removed.
import type { Attachment } from '../models/generated/types.ts';
import type { LocalMessage, LocalUpload } from '../store/state.ts';
import { tableGet } from '../store/table.ts';
import { newUploads } from '../store/uploads.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toChatError, toStoredError, type ClientContext } from './clientContext.ts';

/** Bytes with a name: how Node code passes a Buffer or a stream. */
export interface NamedFile {
  data: Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  name: string;
  /** MIME type, e.g. `image/png` (default: the Blob's own type, else application/octet-stream). */
  type?: string;
}

/** A file to upload: a Blob or File (browser), or bytes/a stream with a name (Node). */
export type FileInput = Blob | NamedFile;

export interface UploadProgress {
  loaded: number;
  total: number;
  /** loaded / total, 0..1 (0 while the total is unknown). */
  progress: number;
}

export interface UploadCallOptions {
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/** What an upload resolves with: the URL the file is served at (and an image's thumbnail). */
export interface UploadResult {
  file: string;
  thumb_url?: string;
}

export interface ChannelUploads {
  /** Upload a file to the channel; resolves with its URL. */
  uploadFile(file: FileInput, options?: UploadCallOptions): Promise<UploadResult>;
  /** Upload an image (an `image/*` type) to the channel; resolves with its URL and thumbnail. */
  uploadImage(file: FileInput, options?: UploadCallOptions): Promise<UploadResult>;
  /** Delete a file uploaded to the channel, by its URL. */
  deleteFile(url: string): Promise<void>;
  deleteImage(url: string): Promise<void>;
  /**
   * Stop the uploads of a message being sent with files: the message becomes `failed`
   * (retryMessage uploads what is missing and sends). Nothing happens if none runs.
   */
  cancelUploads(messageId: string): void;
}

/** A file made ready: its name and type known, its bytes a Blob or a stream not read yet. */
interface PreparedFile {
  name: string;
  type: string;
  source: Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
}

interface MessageFiles {
  files: Map<string, PreparedFile>;
  controller: AbortController;
  previews: string[];
}

const registries = new WeakMap<ClientContext, Map<string, MessageFiles>>();

function registryOf(ctx: ClientContext): Map<string, MessageFiles> {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = new Map()));
  return r;
}

function badInput(endpoint: string, message: string): ChatError {
  return new ChatError({ message: `${endpoint}: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

function isAsyncIterable(v: unknown): v is AsyncIterable<Uint8Array> {
  return typeof v === 'object' && v !== null && typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function isReadableStream(v: unknown): v is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== 'undefined' && v instanceof ReadableStream;
}

/** Check one file and make it ready; throws a ChatError (code 4) naming what is wrong. */
function prepare(file: unknown, endpoint: string, what: string): PreparedFile {
  if (file instanceof Blob) {
    const own = (file as Partial<File>).name;
    return { name: typeof own === 'string' && own !== '' ? own : 'file', type: file.type || 'application/octet-stream', source: file };
  }
  if (typeof file !== 'object' || file === null) throw badInput(endpoint, `${what} must be a Blob/File or { data, name, type? }, got ${file === null ? 'null' : typeof file}`);
  const named = file as Partial<NamedFile>;
  if (typeof named.name !== 'string' || named.name === '') throw badInput(endpoint, `${what} needs a name (a Buffer or stream has none of its own)`);
  if (named.type !== undefined && typeof named.type !== 'string') throw badInput(endpoint, `${what}.type must be a string`);
  const data = named.data;
  let source: PreparedFile['source'];
  if (data instanceof Blob) source = data;
  else if (data instanceof Uint8Array || data instanceof ArrayBuffer) source = new Blob([data as BlobPart]);
  else if (isReadableStream(data) || isAsyncIterable(data)) source = data;
  else throw badInput(endpoint, `${what}.data must be a Blob, Buffer/Uint8Array, ArrayBuffer or stream`);
  const type = named.type || (data instanceof Blob ? data.type : '') || 'application/octet-stream';
  return { name: named.name, type, source };
}

/** The bytes of a prepared file as a Blob (a stream is read here, once). */
async function blobOf(f: PreparedFile): Promise<Blob> {
  if (f.source instanceof Blob) return f.source.type === f.type ? f.source : new Blob([f.source], { type: f.type });
  const chunks: Uint8Array[] = [];
  if (isReadableStream(f.source)) {
    const reader = f.source.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } else {
    for await (const chunk of f.source) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  const blob = new Blob(chunks as BlobPart[], { type: f.type });
  f.source = blob;
  return blob;
}

/** A local URL to show the file before it is uploaded: a Blob URL in a browser, none in Node. */
function previewOf(f: PreparedFile): string | undefined {
  const inBrowser = typeof document !== 'undefined' && typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function';
  if (!inBrowser || !(f.source instanceof Blob) || !/^(image|video)\//.test(f.type)) return undefined;
  return URL.createObjectURL(f.source);
}

function isImage(type: string): boolean {
  return type.startsWith('image/');
}

/**
 * The attachment an uploaded file becomes, as the official UI SDKs build it: an image with
 * its URL and thumbnail, audio and video by their type, anything else a file; the name,
 * MIME type and size go along for display.
 */
function attachmentFor(f: { name: string; type: string; size: number }, res: UploadResult): Attachment {
  const extra = { mime_type: f.type, file_size: f.size };
  if (isImage(f.type)) {
    return { type: 'image', image_url: res.file, thumb_url: res.thumb_url ?? res.file, fallback: f.name, title: f.name, custom: {}, ...extra } as Attachment;
  }
  const kind = f.type.startsWith('video/') ? 'video' : f.type.startsWith('audio/') ? 'audio' : 'file';
  const a = { type: kind, asset_url: res.file, title: f.name, custom: {}, ...extra } as Attachment;
  if (res.thumb_url) a.thumb_url = res.thumb_url;
  return a;
}

function progressOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(1, loaded / total) : 0;
}

/** Upload one file to a channel (the image or file endpoint by its type). */
async function uploadTo(ctx: ClientContext, type: string, id: string, f: PreparedFile, asImage: boolean, options: UploadCallOptions): Promise<UploadResult> {
  const endpoint = asImage ? 'UploadChannelImage' : 'UploadChannelFile';
  const blob = await blobOf(f);
  const callOptions: { name: string; signal?: AbortSignal; onProgress?: (p: { loaded: number; total: number }) => void } = { name: f.name };
  if (options.signal) callOptions.signal = options.signal;
  const onProgress = options.onProgress;
  if (onProgress) callOptions.onProgress = (p) => onProgress({ loaded: p.loaded, total: p.total, progress: progressOf(p.loaded, p.total) });
  const api = ctx.api(endpoint);
  const res = asImage ? await api.uploadChannelImage(type, id, { file: blob }, callOptions) : await api.uploadChannelFile(type, id, { file: blob }, callOptions);
  if (typeof res.file !== 'string' || res.file === '') throw new ChatError({ message: `${endpoint}: the answer has no file URL`, code: ChatErrorCode.Client, status: 200, endpoint, retryable: false });
  const out: UploadResult = { file: res.file };
  if (res.thumb_url) out.thumb_url = res.thumb_url;
  return out;
}

/**
 * Check the `files` of a send and keep them for the message; returns what its local copy
 * shows. Throws a ChatError (code 4) before anything changes when one is wrong.
 */
export function registerFiles(ctx: ClientContext, messageId: string, files: unknown): LocalUpload[] {
  if (!Array.isArray(files)) throw badInput('SendMessage', `files must be an array, got ${typeof files}`);
  const prepared = files.map((f, i) => prepare(f, 'SendMessage', `files[${i}]`));
  const entry: MessageFiles = { files: new Map(), controller: new AbortController(), previews: [] };
  const shown = prepared.map((f, i) => {
    const uploadId = `${messageId}:${i}`;
    entry.files.set(uploadId, f);
    const previewUrl = previewOf(f);
    if (previewUrl) entry.previews.push(previewUrl);
    return { id: uploadId, name: f.name, type: f.type, size: f.source instanceof Blob ? f.source.size : 0, ...(previewUrl ? { previewUrl } : {}) };
  });
  registryOf(ctx).set(messageId, entry);
  return newUploads(shown);
}

/** Forget a message's files (sent, or removed): previews are released, uploads stopped. */
export function releaseFiles(ctx: ClientContext, messageId: string): void {
  const registry = registryOf(ctx);
  const entry = registry.get(messageId);
  if (!entry) return;
  registry.delete(messageId);
  entry.controller.abort();
  for (const url of entry.previews) URL.revokeObjectURL(url);
}

/** Stop the uploads running for a message (its send then fails, retryable). */
export function cancelMessageUploads(ctx: ClientContext, messageId: string): void {
  registryOf(ctx).get(messageId)?.controller.abort();
}

/** Whether the message has files to upload before it can be sent. */
export function hasPendingUploads(m: LocalMessage | undefined): boolean {
  return (m?.uploads ?? []).some((u) => u.state !== 'uploaded');
}

/** The attachments of a message's uploaded files, in the order given. */
export function uploadedAttachments(m: LocalMessage | undefined): Attachment[] {
  return (m?.uploads ?? []).flatMap((u) => (u.attachment ? [u.attachment] : []));
}

function held(ctx: ClientContext, cid: string, messageId: string): LocalMessage | undefined {
  const ch = tableGet(ctx.store.getState().channels, cid);
  return ch ? tableGet(ch.messages, messageId) : undefined;
}

/**
 * Upload the message's files that are not uploaded yet, in parallel. Resolves 'done' when
 * all are, 'gone' when the message was removed meanwhile; on a failure or a cancel the
 * message is `failed` with that error and the ChatError is thrown.
 */
export async function uploadMessageFiles(ctx: ClientContext, cid: string, messageId: string, opId: string): Promise<'done' | 'gone'> {
  const entry = registryOf(ctx).get(messageId);
  const m = held(ctx, cid, messageId);
  if (!m) return 'gone';
  const todo = (m.uploads ?? []).filter((u) => u.state !== 'uploaded');
  if (todo.length === 0) return 'done';
  const sep = cid.indexOf(':');
  const [type, id] = [cid.slice(0, sep), cid.slice(sep + 1)];
  if (!entry) {
    const error = new ChatError({ message: `the files of message ${messageId} are no longer available to upload`, code: ChatErrorCode.Client, status: 0, endpoint: 'UploadChannelFile', retryable: false });
    ctx.store.dispatch({ type: 'op/failed', opId, error: toStoredError(error) });
    throw ctx.report(error, error.endpoint);
  }
  // A retry after a cancel needs a signal that is not aborted.
  if (entry.controller.signal.aborted) entry.controller = new AbortController();
  const signal = entry.controller.signal;
  const errors = await Promise.all(
    todo.map(async (u): Promise<ChatError | undefined> => {
      const f = entry.files.get(u.id);
      const base = { cid, messageId, uploadId: u.id };
      ctx.store.dispatch({ type: 'upload/progress', ...base, progress: 0 });
      try {
        if (!f) throw new ChatError({ message: `file ${u.name} is no longer available`, code: ChatErrorCode.Client, status: 0, endpoint: 'UploadChannelFile', retryable: false });
        const res = await uploadTo(ctx, type, id, f, isImage(f.type), {
          signal,
          onProgress: (p) => ctx.store.dispatch({ type: 'upload/progress', ...base, progress: Math.floor(p.progress * 100) / 100 }),
        });
        const size = f.source instanceof Blob ? f.source.size : u.size;
        ctx.store.dispatch({ type: 'upload/settled', ...base, state: 'uploaded', size, attachment: attachmentFor({ name: f.name, type: f.type, size }, res) });
        return undefined;
      } catch (e) {
        const cancelled = signal.aborted;
        const error = cancelled
          ? new ChatError({ message: `the upload of ${u.name} was cancelled`, code: ChatErrorCode.Client, status: 0, endpoint: isImage(u.type) ? 'UploadChannelImage' : 'UploadChannelFile', retryable: true, cause: e })
          : toChatError(e, isImage(u.type) ? 'UploadChannelImage' : 'UploadChannelFile');
        ctx.store.dispatch({ type: 'upload/settled', ...base, state: cancelled ? 'cancelled' : 'failed', error: toStoredError(error) });
        return error;
      }
    }),
  );
  if (!held(ctx, cid, messageId)) return 'gone';
  const failed = errors.find((e) => e !== undefined);
  if (!failed) return 'done';
  ctx.store.dispatch({ type: 'op/failed', opId, error: toStoredError(failed) });
  throw ctx.report(failed, failed.endpoint);
}

/** The channel-scoped upload calls. */
export function createChannelUploads(ctx: ClientContext, type: string, id: string): ChannelUploads {
  async function upload(file: FileInput, options: UploadCallOptions, asImage: boolean): Promise<UploadResult> {
    const endpoint = asImage ? 'UploadChannelImage' : 'UploadChannelFile';
    let f: PreparedFile;
    try {
      f = prepare(file, endpoint, 'the file');
      if (asImage && !isImage(f.type)) throw badInput(endpoint, `"${f.type}" is not an image type (use uploadFile for other files)`);
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
    try {
      return await uploadTo(ctx, type, id, f, asImage, options);
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  async function remove(url: string, asImage: boolean): Promise<void> {
    const endpoint = asImage ? 'DeleteChannelImage' : 'DeleteChannelFile';
    if (typeof url !== 'string' || url === '') throw ctx.report(badInput(endpoint, 'url must be a non-empty string'), endpoint);
    try {
      const api = ctx.api(endpoint);
      await (asImage ? api.deleteChannelImage(type, id, { url }) : api.deleteChannelFile(type, id, { url }));
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  return {
    uploadFile: (file, options = {}) => upload(file, options, false),
    uploadImage: (file, options = {}) => upload(file, options, true),
    deleteFile: (url) => remove(url, false),
    deleteImage: (url) => remove(url, true),
    cancelUploads: (messageId) => cancelMessageUploads(ctx, messageId),
  };
}
