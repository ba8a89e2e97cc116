import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
export const START_LOCAL = path.join(ROOT, 'dist', 'scripts', 'start-local.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LocalRun {
  child: ChildProcess;
  output: () => string;
  playgroundUrl: string;
  serviceUrl: string;
  /** Seconds the script reported from its start to ready. */
  readySeconds: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs what `npm start` runs after building: the service on PGlite and the Agents Playground. */
export async function startLocalRun(env: Record<string, string>, timeoutMs = 90_000): Promise<LocalRun> {
  if (!existsSync(START_LOCAL)) throw new Error(`${START_LOCAL} is missing: run npm run build (npm test does it first)`);
  const child = spawn(process.execPath, [START_LOCAL], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready in ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const check = () => {
      const match = /ready \(([\d.]+) s\):[\s\S]*Playground[^\n]*(http:\/\/localhost:\d+)[\s\S]*Service:\s*(http:\/\/localhost:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${out.slice(-3000)}`));
    });
  });

  return {
    child,
    output: () => out,
    readySeconds: Number(ready[1]),
    playgroundUrl: ready[2]!,
    serviceUrl: ready[3]!,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
