// The bridge every composable goes through: an Observable of the core (which emits its
// current value synchronously on subscribe) mirrored into a read-only shallowRef, with the
// subscription ended when the effect scope is disposed (the vue-query useBaseQuery model).
import { getCurrentScope, onScopeDispose, shallowReadonly, shallowRef, watch, type ShallowRef } from 'vue';
import type { Observable, Subscription } from 'rxjs';

function isDev(): boolean {
  // Written so that bundlers replace `process.env.NODE_ENV`; in a browser without a
  // bundler `process` is missing and we stay in development mode.
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

/** Warn (development only) when a composable runs outside an effect scope: it would leak. */
export function warnOutsideScope(name: string): void {
  if (isDev() && !getCurrentScope()) {
    console.warn(
      `chatstore/vue: ${name}() was called outside setup() or an effect scope; its subscription is never ended. Call it in setup() or inside effectScope().run().`,
    );
  }
}

/** Run `cleanup` when the current scope is disposed (nothing outside a scope). */
export function onDispose(cleanup: () => void): void {
  if (getCurrentScope()) onScopeDispose(cleanup);
}

/**
 * A read-only shallowRef of the latest value of `source()`. When `source` reads reactive
 * state (a ref id, a handle), a new observable replaces the old subscription.
 */
export function observe<T>(source: () => Observable<T>, equals: (a: T, b: T) => boolean = Object.is): Readonly<ShallowRef<T>> {
  const value = shallowRef() as ShallowRef<T>;
  let has = false;
  let sub: Subscription | undefined;
  const stop = watch(
    source,
    (source$) => {
      sub?.unsubscribe();
      sub = source$.subscribe((v) => {
        // An equal value keeps the reference, so watchers and renders see no change.
        if (has && (value.value === v || equals(value.value, v))) return;
        has = true;
        value.value = v;
      });
    },
    { immediate: true, flush: 'sync' },
  );
  onDispose(() => {
    stop();
    sub?.unsubscribe();
    sub = undefined;
  });
  return shallowReadonly(value);
}
