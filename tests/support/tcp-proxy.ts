import { createServer, connect, type Server, type Socket } from 'node:net';
import { type StoreFixture, tempPostgres } from './storages';

/** One direction of a proxied connection: bytes from `from` reach `to` in order, held or late as the fault says. */
interface Flow {
  from: Socket;
  to: Socket;
  /** Chunks not yet written, each with the moment it may be. */
  queue: Array<{ chunk: Buffer; at: number }>;
  timer?: NodeJS.Timeout;
}

/** A proxied connection: the service's socket, PostgreSQL's, and a close that the black hole has not let through yet. */
interface Link {
  client: Socket;
  upstream: Socket;
  flows: [Flow, Flow];
  closedDuringHang: boolean;
}

/**
 * A TCP proxy on loopback between the service and PostgreSQL that a test can fault, to play a database outage
 * for real:
 * - `cut()`: every connection dropped, new ones refused (the database went away);
 * - `hang()`: a black hole: connections are accepted and kept, but no byte passes either way, and neither does
 *   a close. `restore()` lets held bytes through, as TCP does when a partition heals, except on a connection one
 *   side gave up on meanwhile: that one is closed then, its held bytes lost (a request a client abandoned never
 *   reaches the server);
 * - `slow(ms)`: every chunk arrives `ms` later, in order (latency, not a lower bandwidth);
 * - `restore()`: back to a clean path.
 */
export class TcpProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private mode: 'open' | 'cut' | 'hang' = 'open';
  private latencyMs = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.mode === 'cut') {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      const link: Link = {
        client,
        upstream,
        flows: [
          { from: client, to: upstream, queue: [] },
          { from: upstream, to: client, queue: [] },
        ],
        closedDuringHang: false,
      };
      this.links.add(link);
      for (const flow of link.flows) {
        flow.from.on('data', (chunk: Buffer) => this.carry(flow, chunk));
        flow.from.on('error', () => undefined);
        flow.from.on('close', () => {
          if (this.mode === 'hang') link.closedDuringHang = true;
          else this.close(link);
        });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
    return this;
  }

  /** A URL like `url` that reaches its database through this proxy. */
  via(url: string): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.port);
    return through.toString();
  }

  cut(): void {
    this.mode = 'cut';
    for (const link of this.links) this.close(link);
  }

  hang(): void {
    this.mode = 'hang';
    for (const link of this.links) for (const flow of link.flows) clearTimeout(flow.timer);
  }

  slow(latencyMs: number): void {
    this.latencyMs = latencyMs;
  }

  restore(): void {
    this.mode = 'open';
    this.latencyMs = 0;
    for (const link of this.links) {
      if (link.closedDuringHang) this.close(link);
      else for (const flow of link.flows) this.pump(flow);
    }
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private carry(flow: Flow, chunk: Buffer): void {
    flow.queue.push({ chunk, at: Date.now() + this.latencyMs });
    if (this.mode === 'open') this.pump(flow);
  }

  /** Writes the chunks that are due, in order, and wakes up for the next one. */
  private pump(flow: Flow): void {
    clearTimeout(flow.timer);
    if (this.mode !== 'open') return;
    while (flow.queue.length > 0 && flow.queue[0]!.at <= Date.now()) flow.to.write(flow.queue.shift()!.chunk);
    if (flow.queue.length > 0) flow.timer = setTimeout(() => this.pump(flow), flow.queue[0]!.at - Date.now());
  }

  private close(link: Link): void {
    for (const flow of link.flows) {
      clearTimeout(flow.timer);
      flow.queue.length = 0;
    }
    link.client.destroy();
    link.upstream.destroy();
    this.links.delete(link);
  }
}

/**
 * A fresh PostgreSQL database (tests/support/storages.ts) that the service reaches only through a TcpProxy, as a
 * store factory for a harness; once made, `proxy` is the path to cut and `direct` the address past it (what
 * another replica or an operator sees).
 */
export function postgresBehindProxy(): { store: () => Promise<StoreFixture>; readonly proxy: TcpProxy; readonly direct: string } {
  let made: { proxy: TcpProxy; direct: string } | undefined;
  const current = () => {
    if (!made) throw new Error('the store behind the proxy is not made yet');
    return made;
  };
  return {
    async store() {
      const store = await tempPostgres();
      const direct = (store.storage as { url: string }).url;
      const target = new URL(direct);
      const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
      made = { proxy, direct };
      return {
        storage: { kind: 'postgres', url: proxy.via(direct) },
        async dispose() {
          await proxy.stop();
          await store.dispose();
        },
      };
    },
    get proxy() {
      return current().proxy;
    },
    get direct() {
      return current().direct;
    },
  };
}
