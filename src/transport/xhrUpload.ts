// Uploads with progress in a browser. fetch reports upload progress only by streaming the
// request body, and Chromium streams a body only over HTTP/2 or HTTP/3: over HTTP/1.1 (a
// local server, the emulator, many proxies) the request fails before it is sent
// (net::ERR_ALPN_NEGOTIATION_FAILED). XMLHttpRequest reports upload progress over any
// protocol, so a browser upload that wants progress goes through it; its answer is handed
// back as a fetch Response, so the rest of the HTTP client does not know the difference.

/** Whether this runtime has XMLHttpRequest (browsers; not Node). */
export function hasXhr(): boolean {
  return typeof XMLHttpRequest === 'function';
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return headers;
}

/**
 * Send a multipart form with XMLHttpRequest. Rejects with a TypeError on a network failure
 * and with an AbortError DOMException when `signal` aborts, as fetch does.
 */
export function xhrUpload(
  url: string,
  init: { method: string; headers: Record<string, string>; body: FormData; signal: AbortSignal },
  onProgress: (p: { loaded: number; total: number }) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    for (const [k, v] of Object.entries(init.headers)) xhr.setRequestHeader(k, v);
    xhr.responseType = 'text';
    const abort = (): void => xhr.abort();
    const done = (): void => init.signal.removeEventListener('abort', abort);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      done();
      // Status 1xx/204-type bodies aside, a Response can carry any status from 200 to 599.
      const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 500;
      const body = status === 204 || status === 205 || status === 304 ? null : xhr.responseText;
      resolve(new Response(body, { status, headers: parseHeaders(xhr.getAllResponseHeaders()) }));
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('network error'));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was aborted', 'AbortError'));
    };
    if (init.signal.aborted) {
      xhr.onabort(new ProgressEvent('abort'));
      return;
    }
    init.signal.addEventListener('abort', abort, { once: true });
    xhr.send(init.body);
  });
}
