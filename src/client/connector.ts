// The client's connection: one session at a time (connectUser opens it, disconnectUser
// closes it and resets the store), shared by callers that connect the same user again while
// it is open or opening.
import type { OwnUserResponse } from '../models/generated/types.ts';
import type { TokenOrProvider } from '../transport/auth.ts';
import { createSession, type Session, type SessionOptions } from '../connection/session.ts';
import type { ChatError } from '../transport/chatError.ts';

export interface ConnectUserInput {
  id: string;
  name?: string;
  image?: string;
  [custom: string]: unknown;
}

/** What every session of this client is made with (all but the user and the token). */
export type ConnectorOptions = Omit<SessionOptions, 'user' | 'token' | 'onError'> & {
  report(error: unknown, endpoint: string): ChatError;
  /** Drop what belongs to the connection being closed (handles, timers), before the reset. */
  onDisconnect(): void;
};

export interface Connector {
  /** The open (or opening) session, if any. */
  current(): Session | undefined;
  connectUser(user: ConnectUserInput, token: TokenOrProvider): Promise<OwnUserResponse>;
  disconnectUser(): Promise<void>;
}

export function createConnector(options: ConnectorOptions): Connector {
  const { report, onDisconnect, store, connection$, ...sessionOptions } = options;
  let session: Session | undefined;
  let connecting: Promise<OwnUserResponse> | undefined;

  return {
    current: () => session,

    async connectUser(user, token) {
      if (session) {
        // The same user again (a remount, a second caller): share the connection, or the
        // attempt still under way, rather than opening a second socket.
        if (session.userId === user.id) {
          const me = store.getState().me;
          if (me) return me;
          if (connecting) return connecting;
        }
        throw report(new Error(`already connected as ${session.userId}: call disconnectUser() first`), 'connect');
      }
      const s = createSession({ ...sessionOptions, store, connection$, user, token, onError: (e, endpoint) => report(e, endpoint) });
      session = s;
      connection$.next({ status: 'connecting' });
      const attempt: Promise<OwnUserResponse> = (async () => {
        try {
          return await s.connect();
        } catch (e) {
          if (session === s) session = undefined;
          await s.close().catch(() => undefined);
          const error = report(e, 'connect');
          connection$.next({ status: 'closed', error });
          throw error;
        }
      })();
      connecting = attempt;
      const clear = () => {
        if (connecting === attempt) connecting = undefined;
      };
      attempt.then(clear, clear);
      return attempt;
    },

    async disconnectUser() {
      const s = session;
      session = undefined;
      onDisconnect();
      if (s) await s.close();
      store.dispatch({ type: 'state/reset' });
      connection$.next({ status: 'closed' });
    },
  };
}
