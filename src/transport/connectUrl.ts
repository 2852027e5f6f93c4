// The WebSocket connect URL (PROTOCOL.md section 5):
// {ws}/connect?json=<payload>&api_key=<key>&authorization=<jwt>&stream-auth-type=jwt.
// The payload names the user and their details; the token decides who connects.

export interface ConnectUser {
  id: string;
  [field: string]: unknown;
}

export interface ConnectUrlInput {
  wsUrl: string;
  apiKey: string;
  token: string;
  user: ConnectUser;
  clientRequestId?: string;
}

/** Build the connect URL; `wsUrl` is the full endpoint (`ws://host:port/connect`). */
export function buildConnectUrl(input: ConnectUrlInput): string {
  const url = new URL(input.wsUrl);
  const payload: Record<string, unknown> = { user_id: input.user.id, user_details: input.user };
  if (input.clientRequestId !== undefined) payload['client_request_id'] = input.clientRequestId;
  url.searchParams.set('json', JSON.stringify(payload));
  url.searchParams.set('api_key', input.apiKey);
  url.searchParams.set('authorization', input.token);
  url.searchParams.set('stream-auth-type', 'jwt');
  return url.toString();
}

/** `http(s)://host/base` -> `ws(s)://host/base/connect` (API.md: the default wsUrl). */
export function wsUrlFromBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/connect`;
  return url.toString();
}
