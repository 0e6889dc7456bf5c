import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'test/external/**', 'node_modules/**'],
        testTimeout: 30_000,
        pool: 'forks',
        globalSetup: ['test/support/global-setup.ts'],
        setupFiles: ['test/support/temp-cleanup.ts'],
    },
});
