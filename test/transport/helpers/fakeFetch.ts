// A scripted fetch for HTTP unit tests (passed through the client's `fetch` option): it
// records each request and answers from a queue of responders.
export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
  contentType: string | null;
}

type Responder = (req: RecordedRequest) => Response | Promise<Response>;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function errorBody(code: number, status: number, message = `error ${code}`): Record<string, unknown> {
  return { code, message, StatusCode: status, duration: '0.01ms' };
}

export function fakeFetch(...responders: Responder[]): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  respond: (...more: Responder[]) => void;
} {
  const queue = [...responders];
  const requests: RecordedRequest[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const recorded: RecordedRequest = {
      url: new URL(request.url),
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.text() : '',
      contentType: request.headers.get('content-type'),
    };
    requests.push(recorded);
    const next = queue.shift();
    if (!next) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return next(recorded);
  };
  return { fetch: fn as typeof fetch, requests, respond: (...more) => queue.push(...more) };
}
