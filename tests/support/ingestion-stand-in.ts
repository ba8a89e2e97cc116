import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One telemetry item as the Azure Monitor exporter sends it (the Breeze envelope). */
export interface Envelope {
  name: string;
  time: string;
  iKey?: string;
  tags?: Record<string, string>;
  data: { baseType: string; baseData: Record<string, unknown> & { properties?: Record<string, string> } };
}

/**
 * A local stand-in for Azure Monitor's ingestion endpoint: POST …/v2.1/track with a JSON array of envelopes
 * (gzipped when the exporter talks to Azure's own hosts, plain otherwise), answered as Breeze answers.
 * Every envelope is kept, and the raw text of every request, for tests that look for what must never be sent.
 * It speaks HTTPS only, as the exporter does (it turns an http:// endpoint into https://), with a certificate
 * made for 127.0.0.1 at start: a service process trusts it through NODE_EXTRA_CA_CERTS=`caFile`.
 */
export class IngestionStandIn {
  readonly envelopes: Envelope[] = [];
  readonly bodies: string[] = [];
  /** Requests to anything but …/track (live metrics, a wrong path). */
  readonly strayPaths: string[] = [];
  readonly instrumentationKey = randomUUID();
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'sv-ingestion-'));
  readonly caFile = path.join(this.dir, 'cert.pem');
  private server?: Server;

  async start(): Promise<this> {
    const keyFile = path.join(this.dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', this.caFile,
    ], { stdio: 'ignore' });
    this.server = createServer({ key: readFileSync(keyFile), cert: readFileSync(this.caFile) }, (req, res) => {
      void read(req).then((body) => {
        if (req.method !== 'POST' || !/\/v2(\.1)?\/track$/.test(req.url ?? '')) {
          this.strayPaths.push(`${req.method} ${req.url}`);
          res.writeHead(404).end();
          return;
        }
        this.bodies.push(body);
        const items = JSON.parse(body) as Envelope[];
        this.envelopes.push(...items);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The connection string a service needs to send here. */
  get connectionString(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `InstrumentationKey=${this.instrumentationKey};IngestionEndpoint=https://127.0.0.1:${port}/`;
  }

  byType(name: 'Request' | 'RemoteDependency' | 'Metric' | 'Exception' | 'Message'): Envelope[] {
    return this.envelopes.filter((e) => e.name === `Microsoft.ApplicationInsights.${name}`);
  }

  /** Every data point of a metric, with its dimensions. */
  metric(name: string): Array<{ value: number; count: number; properties: Record<string, string> }> {
    return this.byType('Metric').flatMap((e) => {
      const points = (e.data.baseData.metrics as Array<{ name: string; value: number; count?: number }>) ?? [];
      return points.filter((p) => p.name === name).map((p) => ({ value: p.value, count: p.count ?? 1, properties: e.data.baseData.properties ?? {} }));
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}
