/** Four projects, one command: `npm test` runs unit, integration, e2e and the tab's components. */
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
  // A test waits for what it expects, not for the clock: Jest's default of 5 s per test is a speed bound that a busy
  // two-core machine breaks (a tab page with Fluent UI can take that long to render). Tests that need longer set it.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    project('unit'),
    project('integration', { slowTestThreshold: 20 }),
    project('e2e', { slowTestThreshold: 60 }),
    // The tab's pages rendered in jsdom against an in-memory Api (tests/components/fake-api.ts).
    project('components', {
      testEnvironment: 'jsdom',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tests/components/tsconfig.json' }] },
      testMatch: ['<rootDir>/tests/components/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/tests/components/setup.ts'],
      moduleNameMapper: { '^@microsoft/teams-js$': '<rootDir>/tests/components/teams-js-stub.ts' },
    }),
  ],
};
