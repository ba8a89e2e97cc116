import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a service's CPU time goes, from a V8 `.cpuprofile` (`NODE_OPTIONS=--cpu-prof` on a bench run, see
 * docs/PERFORMANCE.md): self time per part (the database, botbuilder, sending the reply, card rendering, JWT,
 * logging, our own code by folder). Time in Node's own code counts for the nearest caller that is a package or ours,
 * so "Node internals" is only what nothing of ours asked for (the event loop, sockets).
 *
 *   node dist/bench/profile-summary.js CPU.….cpuprofile
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PACKAGES: Array<[RegExp, string]> = [
  [/^botframework-connector\/.*auth|^(jsonwebtoken|jose|jwa|jws)\/|^@azure\/msal/, 'JWT and auth (botframework-connector)'],
  [/^(botbuilder|botbuilder-core|botframework-connector|botframework-schema|botbuilder-stdlib|botframework-streaming)\//, 'botbuilder'],
  [/^@azure\/(?!monitor)|^@typespec\/ts-http-runtime\//, 'sending the reply (botframework-connector over @azure/core)'],
  [/^@electric-sql\/pglite\//, 'database (PGlite)'],
  [/^pg(-[a-z-]+)?\//, 'database (pg driver)'],
  [/^(adaptivecards-templating|adaptive-expressions|antlr4ts)\//, 'card rendering (templating)'],
  [/^(pino|pino-std-serializers|sonic-boom|thread-stream|@pinojs\/redact)\//, 'logging (pino)'],
  [/^(restify|find-my-way|send|mime|formidable|restify-errors|negotiator|qs)\//, 'HTTP server (restify)'],
  [/^zod\//, 'validation (zod)'],
  [/^@opentelemetry\/|^@azure\/monitor/, 'telemetry'],
];
const INTERNAL = 'Node internals';

function partOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || url === '' || url.startsWith('node:')) return INTERNAL;
  // PGlite is PostgreSQL compiled to WebAssembly.
  if (url.startsWith('wasm://')) return 'database (PGlite)';
  const inPackage = /node_modules\/(.*)$/.exec(url);
  if (inPackage) return PACKAGES.find(([pattern]) => pattern.test(inPackage[1]!))?.[1] ?? `other package (${inPackage[1]!.split('/')[0]})`;
  const ours = /dist\/bot\/src\/([^/]+\/[^/.]+|[^/.]+)/.exec(url);
  return ours ? `our code: ${ours[1]}` : `other (${path.basename(url)})`;
}

export function summarise(profile: Profile): { busyMs: number; parts: Array<{ part: string; ms: number; share: number }> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const part = partOf(byId.get(cur)!);
      if (part !== INTERNAL) return part;
    }
    return `${INTERNAL} (the event loop, sockets: no caller of ours)`;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = owner(id);
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('idle');
  const busyMs = [...totals.values()].reduce((a, b) => a + b, 0);
  const parts = [...totals.entries()].map(([part, ms]) => ({ part, ms, share: ms / busyMs })).sort((a, b) => b.ms - a.ms);
  return { busyMs, parts };
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    const { busyMs, parts } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
    process.stdout.write(`${path.basename(file)}: ${(busyMs / 1000).toFixed(1)} s busy\n`);
    for (const p of parts.slice(0, 15)) process.stdout.write(`${(100 * p.share).toFixed(1).padStart(5)} %  ${(p.ms / 1000).toFixed(2).padStart(6)} s  ${p.part}\n`);
  }
}
