import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: Array<{ contentType: string; content: any }> };
}

/**
 * A local stand-in for the Bot Connector service: the bot's replies (POST
 * /v3/conversations/{id}/activities[/{replyTo}]) land here and are recorded, so tests can read
 * exactly what a Teams client would have received.
 */
export class ConnectorStandIn {
  readonly received: RecordedActivity[] = [];
  /** Card updates (PUT …/activities/{id}), e.g. the shared invitation refreshed for everyone. */
  readonly updates: Array<{ conversationId: string; activityId: string; activity: RecordedActivity['activity'] }> = [];
  /** 1:1 conversations the bot opened (POST /v3/conversations), with their members. */
  readonly created: Array<{ id: string; members: Array<{ id: string }> }> = [];
  /** Milliseconds to hold each reply before answering, to simulate a slow connector. */
  delayMs = 0;
  private server?: Server;
  private waiters: Array<() => void> = [];
  private arrivals: Array<() => void> = [];
  private nextId = 1;

  /** Resolves when the next reply reaches the stand-in, before it is answered (and before any delay). */
  nextArrival(): Promise<void> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  get serviceUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      if (req.method === 'POST' && req.url === '/v3/conversations') {
        const parameters = JSON.parse(await body(req));
        const id = `a:created-${this.nextId++}`;
        this.created.push({ id, members: parameters.members ?? [] });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (req.method === 'PUT' && match?.[2]) {
        this.updates.push({ conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]), activity: JSON.parse(await body(req)) });
        this.waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: decodeURIComponent(match[2]) }));
        return;
      }
      if (req.method !== 'POST' || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const activity = JSON.parse(await body(req));
      this.arrivals.splice(0).forEach((a) => a());
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      this.received.push({
        conversationId: decodeURIComponent(match[1]!),
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        activity,
      });
      this.waiters.splice(0).forEach((w) => w());
      // No chaining: restify patches ServerResponse.writeHead, and its version returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${this.nextId++}` }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Waits until at least `count` activities have arrived in total. */
  async waitFor(count: number, timeoutMs = 5000): Promise<RecordedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} activities, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }

  /** Waits until `check` holds for what arrived (activities, updates, created conversations). */
  async until(check: () => boolean, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the connector stand-in did not receive what was expected in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.received.length = 0;
    this.updates.length = 0;
    this.created.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
