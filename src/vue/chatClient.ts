// The client in Vue's provide/inject, and optionally the connection of one user for as long
// as the provider lives. The app creates the client (one per app) and provides it once;
// composables inject it.
import { effectScope, getCurrentInstance, hasInjectionContext, inject, onScopeDispose, provide, toValue, watch, type App, type InjectionKey, type MaybeRefOrGetter } from 'vue';
import type { ChatClient, ConnectUserInput, TokenOrProvider } from 'chatstore';
import { acquireConnection } from '../adapters/connectionLease.ts';

export const chatClientKey: InjectionKey<ChatClient> = Symbol('chatstore client');

export interface ProvideChatClientOptions {
  /** Provide app-wide (and connect until `app.unmount()`) instead of to one component's subtree. */
  app?: App;
  /**
   * Connect this user while the provider lives (needs `token`). A ref or getter is
   * followed: another user id disconnects the previous user and connects the new one;
   * `null` or `undefined` disconnects. Omit to connect yourself.
   */
  user?: MaybeRefOrGetter<ConnectUserInput | null | undefined>;
  token?: MaybeRefOrGetter<TokenOrProvider | null | undefined>;
}

/**
 * Provide `client` to the components below: call it in a component's setup(), or pass the
 * app to provide it app-wide. With `user` and `token` it also connects that user, the way
 * React's ChatProvider does: a quick unmount and remount reuses the connection instead of
 * opening a second socket.
 * @example
 * createApp(App).use({ install: (app) => provideChatClient(client, app) })
 * // in a root component's setup(), following the signed-in user:
 * provideChatClient(client, { user: () => session.user, token: () => session.token })
 */
export function provideChatClient(client: ChatClient, appOrOptions?: App | ProvideChatClientOptions): void {
  const options: ProvideChatClientOptions = isApp(appOrOptions) ? { app: appOrOptions } : (appOrOptions ?? {});
  const { app } = options;
  if (!app && !getCurrentInstance()) {
    throw new Error('chatstore/vue: provideChatClient(client) needs a component setup(), or the app: provideChatClient(client, app)');
  }
  if (app) app.provide(chatClientKey, client);
  else provide(chatClientKey, client);
  if (options.user === undefined && options.token === undefined) return;
  if (!app) {
    connectWhileAlive(client, options);
    return;
  }
  // App-wide: the watcher lives in a scope of its own, stopped when the app unmounts.
  const scope = effectScope(true);
  scope.run(() => connectWhileAlive(client, options));
  onAppUnmount(app, () => scope.stop());
}

/** Hold a connection for the current user and token until the current scope is disposed. */
function connectWhileAlive(client: ChatClient, options: ProvideChatClientOptions): void {
  let release: (() => void) | undefined;
  const drop = () => {
    release?.();
    release = undefined;
  };
  // Keyed by user id and token, as the React provider is: a new user object for the same id
  // keeps the connection.
  watch(
    () => [toValue(options.user)?.id, toValue(options.token)] as const,
    ([id, token]) => {
      drop();
      const user = toValue(options.user);
      if (id === undefined || !user || token === undefined || token === null) return;
      release = acquireConnection(client, user, token);
    },
    { immediate: true },
  );
  onScopeDispose(drop);
}

function isApp(value: App | ProvideChatClientOptions | undefined): value is App {
  return typeof (value as App | undefined)?.mount === 'function' && typeof (value as App | undefined)?.provide === 'function';
}

/** Run `fn` when `app` unmounts: app.onUnmount (Vue 3.5), else around app.unmount. */
function onAppUnmount(app: App, fn: () => void): void {
  const withHook = app as App & { onUnmount?: (cb: () => void) => void };
  if (typeof withHook.onUnmount === 'function') {
    withHook.onUnmount(fn);
    return;
  }
  const unmount = app.unmount.bind(app);
  app.unmount = () => {
    unmount();
    fn();
  };
}

/** The provided client; throws outside setup()/runWithContext or without a provider. */
export function useChatClient(): ChatClient {
  const client = hasInjectionContext() ? inject(chatClientKey, null) : null;
  if (!client) throw new Error('chatstore/vue: useChatClient() needs provideChatClient(client) in a parent setup() or on the app');
  return client;
}
