// A loopback TCP proxy that a test can cut and restore: cutting destroys every open
// connection through it (HTTP and WebSocket alike, as a lost network does) and refuses new
// ones until restored. One proxy per client puts each client behind its own "network".
import net from 'node:net';

export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number;
  readonly isCut: boolean;
  /** Times cut() has been called. */
  readonly cuts: number;
  /** Drop every open connection and refuse new ones. */
  cut(): void;
  /** Accept connections again. */
  restore(): void;
  close(): Promise<void>;
}

/** Start a proxy on an ephemeral loopback port that forwards to `targetPort`. */
export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  let cuts = 0;
  const track = (s: net.Socket): void => {
    open.add(s);
    s.on('close', () => open.delete(s));
    // A reset while cut is what the test asked for; nothing to report.
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((inbound) => {
    track(inbound);
    if (cut) {
      inbound.destroy();
      return;
    }
    const outbound = net.connect(targetPort, host);
    track(outbound);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('tcpProxy: no port');
  return {
    port: address.port,
    get isCut() {
      return cut;
    },
    get cuts() {
      return cuts;
    },
    cut() {
      if (cut) return;
      cut = true;
      cuts += 1;
      for (const s of [...open]) s.destroy();
    },
    restore() {
      cut = false;
    },
    async close() {
      cut = true;
      for (const s of [...open]) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
