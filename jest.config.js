// Jest runs the TypeScript sources as native ES modules (NestJS 12 is ESM-only):
// `NODE_OPTIONS=--experimental-vm-modules` is set by the npm scripts.
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }];
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^#([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  testTimeout: 60_000,
  // On a 2-core machine Jest would run all the files in its own process (in band: one worker or less), where
  // ES modules loaded through vm contexts accumulate until the heap runs out; with a limit it runs
  // the files in a worker process and starts a fresh one when the last file left it above 1 GB.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
