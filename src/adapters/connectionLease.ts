// Who holds a client's connection, for the React and Vue adapters. React may run an
// effect's cleanup and the effect again at once (StrictMode), and either framework may
// unmount and remount a provider in quick succession; a disconnect-then-connect would open
// a second socket each time. Leases are counted per client, the release waits a microtask
// (a remount in the same tick takes the connection over), and connects and disconnects of
// one client run one after another, so a new socket never opens while the previous one is
// still closing.
import type { ChatClient, ConnectUserInput, TokenOrProvider } from 'chatstore';

interface Lease {
  userId: string | undefined;
  holders: number;
  /** The last connect or disconnect; the next one starts after it settles. */
  queue: Promise<unknown>;
}

const leases = new WeakMap<ChatClient, Lease>();

function leaseOf(client: ChatClient): Lease {
  let lease = leases.get(client);
  if (!lease) {
    lease = { userId: undefined, holders: 0, queue: Promise.resolve() };
    leases.set(client, lease);
  }
  return lease;
}

function enqueue(lease: Lease, step: () => Promise<unknown>): void {
  // Failures are already on client.errors$ and connection$; the queue must go on.
  lease.queue = lease.queue.then(step).catch(() => undefined);
}

/** Connect `user` on `client` (unless already connected as them); returns the release. */
export function acquireConnection(client: ChatClient, user: ConnectUserInput, token: TokenOrProvider): () => void {
  const lease = leaseOf(client);
  lease.holders += 1;
  if (lease.userId !== user.id) {
    if (lease.userId !== undefined) enqueue(lease, () => client.disconnectUser());
    lease.userId = user.id;
    enqueue(lease, () => client.connectUser(user, token));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    lease.holders -= 1;
    queueMicrotask(() => {
      if (lease.holders > 0 || lease.userId === undefined) return;
      lease.userId = undefined;
      enqueue(lease, () => client.disconnectUser());
    });
  };
}
