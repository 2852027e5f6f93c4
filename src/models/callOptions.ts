// Options every generated API method takes last (src/models/generated/api.ts).

/** Options of one API call. */
export interface CallOptions {
  /** Aborts the call; it then rejects with a ChatError (code -1, not retryable). */
  signal?: AbortSignal;
}

/** Options of a multipart upload (UploadFile, UploadImage, UploadChannelFile, UploadChannelImage). */
export interface UploadOptions extends CallOptions {
  /** Upload progress in bytes; where fetch cannot stream a body it is reported once, at the end. */
  onProgress?: (p: { loaded: number; total: number }) => void;
  /** File name sent with the part; default the File's own name or `file`. */
  name?: string;
}
