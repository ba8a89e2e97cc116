import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder with package.json: the same from bot/src (tests) and from dist/bot/src (built). */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
