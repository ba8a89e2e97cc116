/** Three projects, one command: `npm test` runs unit, integration and e2e. */
// Transpile only (isolatedModules in tsconfig.test.json); `npm run typecheck` does the type checking.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
});
module.exports = {
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    project('unit'),
    project('integration', { slowTestThreshold: 20 }),
    project('e2e', { slowTestThreshold: 60 }),
  ],
};
