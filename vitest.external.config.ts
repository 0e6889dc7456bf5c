// Suites that need tools `npm ci` does not bring (the export targets' own parsers, the real
// pre-commit): `npm run test:external`, run by .ci/run after it installs them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/external/**/*.test.ts'],
        testTimeout: 120_000,
        hookTimeout: 120_000,
        pool: 'forks',
        fileParallelism: false,
        globalSetup: ['test/support/global-setup.ts'],
        setupFiles: ['test/support/temp-cleanup.ts'],
    },
});
