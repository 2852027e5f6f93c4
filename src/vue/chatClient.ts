// The client in Vue's provide/inject. The app creates the client (one per app) and
// provides it once; composables inject it.
import { hasInjectionContext, inject, provide, type App, type InjectionKey } from 'vue';
import type { ChatClient } from 'chatstore';

export const chatClientKey: InjectionKey<ChatClient> = Symbol('chatstore client');

/**
 * Provide `client` to the components below: call it in a component's setup(), or pass the
 * app to provide it app-wide.
 * @example
 * createApp(App).use({ install: (app) => provideChatClient(client, app) })
 */
export function provideChatClient(client: ChatClient, app?: App): void {
  if (app) app.provide(chatClientKey, client);
  else provide(chatClientKey, client);
}

/** The provided client; throws outside setup()/runWithContext or without a provider. */
export function useChatClient(): ChatClient {
  const client = hasInjectionContext() ? inject(chatClientKey, null) : null;
  if (!client) throw new Error('chatstore/vue: useChatClient() needs provideChatClient(client) in a parent setup() or on the app');
  return client;
}
