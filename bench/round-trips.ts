import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Counts the round trips one client stream of PostgreSQL's wire protocol asks for: a simple query ('Q': BEGIN,
 * COMMIT, a statement without parameters) is one, and a statement of the extended protocol (Parse, Bind, Execute
 * and the rest) is one at its Sync ('S'), where the client waits for the server. The first message of a connection
 * (the startup or an SSL request) has no type byte and is not counted.
 */
export class RoundTripParser {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  count = 0;

  feed(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.pending.length < 4) return;
        const length = this.pending.readInt32BE(0);
        if (this.pending.length < length) return;
        // An SSL or GSS request (8 bytes, code 80877103/80877104) comes before the real startup message.
        const code = length === 8 ? this.pending.readInt32BE(4) : 0;
        this.pending = this.pending.subarray(length);
        if (code !== 80877103 && code !== 80877104) this.started = true;
        continue;
      }
      if (this.pending.length < 5) return;
      const length = this.pending.readInt32BE(1);
      if (this.pending.length < 1 + length) return;
      const type = String.fromCharCode(this.pending[0]!);
      if (type === 'Q' || type === 'S') this.count++;
      this.pending = this.pending.subarray(1 + length);
    }
  }
}

/** A proxy on loopback in front of PostgreSQL that counts every connection's round trips: the service's database cost. */
export class RoundTripProxy {
  private server?: Server;
  private readonly parsers = new Set<RoundTripParser>();
  private readonly sockets = new Set<Socket>();
  /** Round trips of connections now closed. */
  private closed = 0;
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const parser = new RoundTripParser();
      this.parsers.add(parser);
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => {
          this.sockets.delete(s);
          (s === client ? upstream : client).destroy();
        });
      }
      client.on('close', () => {
        this.closed += parser.count;
        this.parsers.delete(parser);
      });
      client.on('data', (chunk: Buffer) => {
        parser.feed(chunk);
        upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Every round trip so far, of open and closed connections. */
  get count(): number {
    return this.closed + [...this.parsers].reduce((n, p) => n + p.count, 0);
  }

  /** The same database address, through this proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
