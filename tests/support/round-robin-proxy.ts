import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * A load balancer in miniature, on loopback: each HTTP request goes to the next of N upstream ports in turn,
 * whatever connection it came on, so two replicas really share every kind of request. Every forwarded request
 * has a connection of its own (keep-alive off): a reused one could be closed by the service's idle timeout just
 * as a request goes out on it, and that 502 would be the proxy's doing, not the service's.
 */
export class RoundRobinProxy {
  /** Requests forwarded to each upstream, in the order of `upstreams`. */
  readonly served: number[];
  /** Requests an upstream did not answer (connection refused or reset): answered 502 here. */
  failed = 0;
  private next = 0;
  private server?: Server;

  constructor(private readonly upstreams: readonly number[]) {
    this.served = upstreams.map(() => 0);
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const index = this.next;
      this.next = (this.next + 1) % this.upstreams.length;
      this.served[index]!++;
      const forwarded = request(
        { host: '127.0.0.1', port: this.upstreams[index], method: req.method, path: req.url, headers: endToEnd(req.headers), agent: false },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, endToEnd(upstream.headers));
          upstream.pipe(res);
        },
      );
      forwarded.on('error', () => {
        this.failed++;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'bad-gateway' }));
      });
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const forwarded = { ...headers };
  for (const name of HOP_BY_HOP) delete forwarded[name];
  return forwarded;
}
