// Preloaded into a service process (node --require) by tests/integration/telemetry.test.ts: when the process
// exits, the path of every module it loaded is written to LOADED_MODULES_FILE, one a line.
const { writeFileSync } = require('node:fs');

process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(require.cache).join('\n')));
