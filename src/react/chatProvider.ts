// The client in React context, and optionally the connection of one user for the life of
// the provider. The client is created by the app (one per app, outside render) so hooks and
// non-React code share one store.
import { createContext, createElement, useContext, useEffect, type ReactNode } from 'react';
import type { ChatClient, ConnectUserInput, TokenOrProvider } from 'chatstore';
import { acquireConnection } from '../adapters/connectionLease.ts';

const ChatClientContext = createContext<ChatClient | null>(null);

export interface ChatProviderProps {
  client: ChatClient;
  /** Connect this user while the provider is mounted (needs `token`); omit to connect yourself. */
  user?: ConnectUserInput;
  token?: TokenOrProvider;
  children?: ReactNode;
}

/**
 * Makes `client` available to the hooks below it. With `user` and `token` it also connects
 * that user on mount and disconnects on unmount; StrictMode's double effects and a quick
 * remount reuse the same connection instead of opening a second socket.
 * @example
 * <ChatProvider client={client} user={{ id: 'alice' }} token={token}><App /></ChatProvider>
 */
export function ChatProvider({ client, user, token, children }: ChatProviderProps): ReactNode {
  const userId = user?.id;
  useEffect(() => {
    if (!user || token === undefined) return undefined;
    return acquireConnection(client, user, token);
    // The connection is keyed by user id: a new user object for the same id keeps it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, userId, token]);
  return createElement(ChatClientContext.Provider, { value: client }, children);
}

/** The client of the nearest ChatProvider; throws when there is none. */
export function useChatClient(): ChatClient {
  const client = useContext(ChatClientContext);
  if (!client) throw new Error('chatstore/react: useChatClient() needs a <ChatProvider client={...}> above it');
  return client;
}
