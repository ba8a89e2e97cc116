import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  /** The id the stand-in gave the message, as Teams does: a later update or a reply to the card names it. */
  id?: string;
  replyToId?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: Array<{ contentType: string; content: any }> };
}

/** Teams' limits as the stand-in enforces them: per tenant per second, and sliding windows per conversation. */
export interface StandInLimits {
  tenantPerSecond: number;
  conversation: ReadonlyArray<{ windowMs: number; max: number }>;
}

/** Every request the stand-in answered, in arrival order: to check limits from its own log. */
export interface LoggedRequest {
  /** performance.now() at arrival. */
  at: number;
  tenantId: string;
  /** The conversation, or "new-chat" for POST /v3/conversations. */
  conversationId: string;
  status: number;
  /** Held by `hanging` before it was answered or dropped. */
  held?: true;
}

/**
 * A local stand-in for the Bot Connector service: the bot's replies (POST
 * /v3/conversations/{id}/activities[/{replyTo}]) land here and are recorded, so tests can read
 * exactly what a Teams client would have received. It can enforce Teams' rate limits (429 with
 * Retry-After), inject 5xx faults and delays, and logs every request.
 */
export class ConnectorStandIn {
  /** Every request, accepted or refused. */
  readonly log: LoggedRequest[] = [];
  /** When set, requests over a limit are refused with 429 and Retry-After, as Teams does. */
  limits?: StandInLimits;
  /** Share of requests (0–1) refused with `faultStatus` before anything is recorded. */
  faultRate = 0;
  faultStatus = 502;
  /** Conversations whose every request fails with this status (e.g. 403: the user blocked the bot). */
  readonly failing = new Map<string, number>();
  /** Conversations whose next n requests are throttled (429, Retry-After: 1) whatever the rate: a 429 that comes on every run. */
  readonly throttleNext = new Map<string, number>();
  private readonly accepted = new Map<string, number[]>();
  readonly received: RecordedActivity[] = [];
  /** Card updates (PUT …/activities/{id}), e.g. the shared invitation refreshed for everyone. */
  readonly updates: Array<{ conversationId: string; activityId: string; activity: RecordedActivity['activity'] }> = [];
  /** 1:1 conversations the bot opened (POST /v3/conversations), with their members. */
  readonly created: Array<{ id: string; members: Array<{ id: string }> }> = [];
  /** Milliseconds to hold each reply before answering, to simulate a slow connector. */
  delayMs = 0;
  /**
   * A hung connector, per conversation ("new-chat" for opening a 1:1 chat): its next `requests` requests are
   * held `ms` (longer than a sender waits), then either processed as if Teams got them late ('deliver': recorded
   * and answered) or dropped unanswered ('drop': the connection is closed; logged with status 0).
   */
  readonly hanging = new Map<string, { requests: number; ms: number; then: 'deliver' | 'drop' }>();
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

  /** The refusal (status and Retry-After seconds) for a request arriving now, or undefined to accept it. */
  private refusal(tenantId: string, conversationId: string, at: number): { status: number; retryAfter?: number } | undefined {
    const failing = this.failing.get(conversationId);
    if (failing) return { status: failing };
    const throttled = this.throttleNext.get(conversationId) ?? 0;
    if (throttled > 0) {
      this.throttleNext.set(conversationId, throttled - 1);
      return { status: 429, retryAfter: 1 };
    }
    if (this.faultRate > 0 && Math.random() < this.faultRate) return { status: this.faultStatus };
    if (!this.limits) return undefined;
    const checks = [
      { key: `tenant:${tenantId}`, windowMs: 1000, max: this.limits.tenantPerSecond },
      // Opening a 1:1 chat counts for the tenant; the chat does not exist yet.
      ...(conversationId === 'new-chat' ? [] : this.limits.conversation.map((w) => ({ key: `conversation:${conversationId}`, ...w }))),
    ];
    for (const c of checks) {
      const times = this.accepted.get(c.key) ?? [];
      const inWindow = times.filter((t) => t > at - c.windowMs);
      if (inWindow.length >= c.max) return { status: 429, retryAfter: Math.max(1, Math.ceil((inWindow[inWindow.length - c.max]! + c.windowMs - at) / 1000)) };
    }
    for (const key of new Set(checks.map((c) => c.key))) {
      const times = this.accepted.get(key) ?? [];
      times.push(at);
      // Only the key's longest window matters for later checks.
      const longest = Math.max(...checks.filter((c) => c.key === key).map((c) => c.windowMs));
      while (times.length > 0 && times[0]! <= at - longest) times.shift();
      this.accepted.set(key, times);
    }
    return undefined;
  }

  /** Logs the request and answers a refusal; true when it was refused. */
  private refused(res: ServerResponse, tenantId: string, conversationId: string): boolean {
    const at = performance.now();
    const refusal = this.refusal(tenantId, conversationId, at);
    this.log.push({ at, tenantId, conversationId, status: refusal?.status ?? 200 });
    if (!refusal) return false;
    res.writeHead(refusal.status, { 'content-type': 'application/json', ...(refusal.retryAfter ? { 'retry-after': String(refusal.retryAfter) } : {}) });
    res.end(JSON.stringify({ error: { code: refusal.status === 429 ? 'Throttled' : 'ServiceError', message: 'stand-in refusal' } }));
    return true;
  }

  /** Holds a request the `hanging` map names; true when it was dropped. */
  private async hang(res: ServerResponse, conversationId: string): Promise<boolean> {
    const entry = this.log[this.log.length - 1]!;
    const hang = this.hanging.get(conversationId);
    if (!hang || hang.requests <= 0) return false;
    hang.requests--;
    entry.held = true;
    this.waiters.splice(0).forEach((w) => w());
    await new Promise((r) => setTimeout(r, hang.ms));
    if (hang.then === 'deliver') return false;
    entry.status = 0;
    res.socket?.destroy();
    return true;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      if (req.method === 'POST' && req.url === '/v3/conversations') {
        const parameters = JSON.parse(await body(req));
        if (this.refused(res, parameters.tenantId ?? parameters.channelData?.tenant?.id ?? 'default', 'new-chat')) return;
        if (await this.hang(res, 'new-chat')) return;
        const id = `a:created-${this.nextId++}`;
        this.created.push({ id, members: parameters.members ?? [] });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (req.method === 'PUT' && match?.[2]) {
        const update = JSON.parse(await body(req));
        if (this.refused(res, tenantOf(update), decodeURIComponent(match[1]!))) return;
        this.updates.push({ conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]), activity: update });
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
      if (this.refused(res, tenantOf(activity), decodeURIComponent(match[1]!))) return;
      if (await this.hang(res, decodeURIComponent(match[1]!))) return;
      this.arrivals.splice(0).forEach((a) => a());
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const id = `reply-${this.nextId++}`;
      this.received.push({
        conversationId: decodeURIComponent(match[1]!),
        id,
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        activity,
      });
      this.waiters.splice(0).forEach((w) => w());
      // No chaining: restify patches ServerResponse.writeHead, and its version returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
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

  /** Activities received per conversation: lost messages (0) and doubled ones (2 or more) are read from this. */
  deliveries(): Map<string, number> {
    const count = new Map<string, number>();
    for (const r of this.received) count.set(r.conversationId, (count.get(r.conversationId) ?? 0) + 1);
    return count;
  }

  /**
   * From the stand-in's own log of accepted requests: every window, per tenant and per conversation, in
   * which more were accepted than `limits` allow. Empty when the limits were kept.
   */
  exceeded(limits: StandInLimits): string[] {
    const accepted = this.log.filter((r) => r.status < 300);
    const found: string[] = [];
    const check = (label: string, times: number[], windowMs: number, max: number) => {
      let from = 0;
      for (let to = 0; to < times.length; to++) {
        while (times[from]! <= times[to]! - windowMs) from++;
        if (to - from + 1 > max) {
          found.push(`${label}: ${to - from + 1} in ${windowMs} ms`);
          return;
        }
      }
    };
    const group = (key: (r: LoggedRequest) => string) => {
      const groups = new Map<string, number[]>();
      for (const r of accepted) {
        const times = groups.get(key(r)) ?? [];
        times.push(r.at);
        groups.set(key(r), times);
      }
      return groups;
    };
    for (const [tenant, times] of group((r) => r.tenantId)) check(`tenant ${tenant}`, times, 1000, limits.tenantPerSecond);
    for (const [conversation, times] of group((r) => r.conversationId)) {
      if (conversation === 'new-chat') continue;
      for (const w of limits.conversation) check(`conversation ${conversation}`, times, w.windowMs, w.max);
    }
    return found;
  }

  clear(): void {
    this.log.length = 0;
    this.accepted.clear();
    this.received.length = 0;
    this.updates.length = 0;
    this.created.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function tenantOf(activity: { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } }): string {
  return activity.conversation?.tenantId ?? activity.channelData?.tenant?.id ?? 'default';
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
