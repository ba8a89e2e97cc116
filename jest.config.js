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
