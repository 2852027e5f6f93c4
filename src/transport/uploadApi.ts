// Channel file and image uploads (Chat API seed 000): multipart with progress and abort.
// Uploads are writes without a client id, so they are never retried silently, and they
// have no default timeout: a large file on a slow link is not a failure; the caller's
// signal cancels.
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, seg, signalOf } from './apiRequest.ts';
import type { UploadImageOptions, UploadOptions } from './apiTypes.ts';
import type { HttpClient } from './http.ts';

type M = ModelTypes;

export interface UploadApi {
  uploadChannelFile(type: string, id: string, file: Blob, options?: UploadOptions): Promise<M['UploadChannelFileResponse']>;
  uploadChannelImage(type: string, id: string, file: Blob, options?: UploadImageOptions): Promise<M['UploadChannelResponse']>;
}

function fileName(file: Blob, options: UploadOptions): string {
  if (options.name !== undefined) return options.name;
  const own = (file as Partial<File>).name;
  return typeof own === 'string' && own !== '' ? own : 'file';
}

function progressOf(options: UploadOptions): { onUploadProgress?: (p: { loaded: number; total: number }) => void } {
  return options.onProgress ? { onUploadProgress: options.onProgress } : {};
}

export function createUploadApi(http: HttpClient): UploadApi {
  return {
    uploadChannelFile: (type, id, file, options = {}) => {
      const form = new FormData();
      form.append('file', file, fileName(file, options));
      return http.request({
        endpoint: 'UploadChannelFile',
        method: 'POST',
        path: `/api/v2/chat/channels/${seg(type)}/${seg(id)}/file`,
        form,
        decode: decoder('UploadChannelFileResponse'),
        timeoutMs: false,
        ...progressOf(options),
        ...signalOf(options),
      });
    },
    uploadChannelImage: (type, id, file, options = {}) => {
      const form = new FormData();
      form.append('file', file, fileName(file, options));
      if (options.uploadSizes) form.append('upload_sizes', JSON.stringify(options.uploadSizes));
      return http.request({
        endpoint: 'UploadChannelImage',
        method: 'POST',
        path: `/api/v2/chat/channels/${seg(type)}/${seg(id)}/image`,
        form,
        decode: decoder('UploadChannelResponse'),
        timeoutMs: false,
        ...progressOf(options),
        ...signalOf(options),
      });
    },
  };
}
