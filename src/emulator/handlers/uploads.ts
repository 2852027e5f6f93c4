// Uploads (UploadChannelFile/Image, UploadFile/Image and their deletes): files are kept in
// memory (and in the state file) and served back at /uploads/<id>/<name>, so attachments
// work offline. The body is multipart/form-data with a `file` part, as browsers send it.
import { randomUUID } from 'node:crypto';
import type { Backend } from '../backend.ts';
import { ApiError, ErrorCode, inputError, notFound } from '../errors.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';

interface Part {
  name: string;
  filename: string | undefined;
  contentType: string;
  data: Buffer;
}

/** A small multipart/form-data reader: enough for file uploads from browsers and Node. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw inputError('expected multipart/form-data with a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const chunk = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      parts.push({ name, filename, contentType: type.trim(), data: chunk.subarray(headerEnd + 4) });
    }
    pos = next;
  }
  return parts;
}

function store(b: Backend, ctx: RequestContext, imageOnly: boolean): Record<string, unknown> {
  const file = parseMultipart(ctx.rawBody, ctx.contentType).find((p) => p.name === 'file');
  if (!file || file.data.length === 0) throw inputError('a non-empty "file" part is required');
  if (file.data.length > b.uploadSizeLimit) {
    throw new ApiError(ErrorCode.payloadTooBig, `file "${file.filename ?? 'file'}" is ${file.data.length} bytes, over the upload limit of ${b.uploadSizeLimit} bytes`, 413);
  }
  if (imageOnly && !file.contentType.startsWith('image/')) throw inputError(`"${file.contentType}" is not an image type`);
  const id = randomUUID();
  const name = (file.filename ?? 'file').replace(/[^\w.-]/g, '_').slice(0, 100) || 'file';
  b.state.files.set(id, { id, name, mimeType: file.contentType, data: file.data.toString('base64'), created_at: b.now() });
  b.changed();
  const url = `${ctx.baseUrl}/uploads/${id}/${encodeURIComponent(name)}`;
  return imageOnly ? { file: url, thumb_url: url } : { file: url };
}

function remove(b: Backend, ctx: RequestContext): Record<string, unknown> {
  const url = ctx.query.get('url') ?? '';
  const id = /\/uploads\/([^/]+)\//.exec(url)?.[1];
  if (!id || !b.state.files.delete(id)) throw notFound('no such uploaded file');
  b.changed();
  return {};
}

function inChannel(handler: (b: Backend, ctx: RequestContext) => Record<string, unknown>): Handler {
  return (b, ctx) => {
    requireAccess(b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? ''), ctx.userId, 'upload files');
    return handler(b, ctx);
  };
}

export const uploadChannelFile: Handler = inChannel((b, ctx) => store(b, ctx, false));
export const uploadChannelImage: Handler = inChannel((b, ctx) => store(b, ctx, true));
export const deleteChannelFile: Handler = inChannel(remove);
export const deleteChannelImage: Handler = inChannel(remove);
export const uploadFile: Handler = (b, ctx) => store(b, ctx, false);
export const uploadImage: Handler = (b, ctx) => store(b, ctx, true);
export const deleteFile: Handler = (b, ctx) => remove(b, ctx);
export const deleteImage: Handler = (b, ctx) => remove(b, ctx);
