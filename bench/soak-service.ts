import { appendFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { SERVICE_MAIN } from '../tests/support/service-process';

/**
 * The service exactly as `npm run serve` starts it, plus what only the process itself can tell: its V8 heap.
 * Appends JSON lines to SOAK_MEMORY_FILE: process.memoryUsage() every SOAK_MEMORY_MS, and the heap used right
 * after each full (mark-compact) collection, which is what stays alive: a leak raises that line, a busy moment
 * does not. Observing costs nothing the service would notice; the timer is unref'd and never holds a shutdown.
 */
const file = process.env.SOAK_MEMORY_FILE;
if (!file) throw new Error('SOAK_MEMORY_FILE is not set');
const every = Number(process.env.SOAK_MEMORY_MS ?? 5000);

const write = (line: object) => appendFileSync(file, `${JSON.stringify({ at: Date.now(), ...line })}\n`);

setInterval(() => {
  const m = process.memoryUsage();
  write({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal });
}, every).unref();

new PerformanceObserver((list) => {
  // A gc entry's detail says which collection it was (Node's types leave it out).
  const full = list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
  if (full) write({ afterFullGc: process.memoryUsage().heapUsed });
}).observe({ entryTypes: ['gc'] });

require(SERVICE_MAIN);
