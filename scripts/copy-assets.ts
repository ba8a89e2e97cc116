import { cpSync } from 'node:fs';
import path from 'node:path';

/** tsc emits only code and imported JSON; the SQL migrations travel to dist/ here. */
const root = path.resolve(__dirname, '..', '..');
const from = path.join(root, 'bot', 'src', 'platform', 'database', 'migrations');
const to = path.join(root, 'dist', 'bot', 'src', 'platform', 'database', 'migrations');
cpSync(from, to, { recursive: true, filter: (f) => !path.extname(f) || f.endsWith('.sql') });
