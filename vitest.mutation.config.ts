/**
 * The tests StrykerJS runs against mutants (`npm run mutate`): the in-process suites only.
 * Tests that spawn the bundle (CLI, LSP) never see a mutant, the browser suites do not reach
 * rules/, analysis/ or simulation/, and the fuzz suite (hundreds of parses) would run for every
 * mutant of every rule. No global setup: nothing here needs dist/ or Chromium. Modules stay
 * loaded between runs (no isolation): Stryker switches mutants at run time, and reloading
 * Langium for every mutant would cost more than the tests themselves.
 * MUTATION_TESTS (comma-separated globs) narrows the tests for one run, e.g. the analysis/ unit
 * tests for `--mutate 'language-server/analysis/**'`: every simulating test covers most of
 * analysis/, and a surviving mutant runs every test that covers it. A narrower set can only
 * kill fewer mutants, so its score is a lower bound.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: process.env.MUTATION_TESTS?.split(',') ?? ['test/rules/**/*.test.ts', 'test/analysis/**/*.test.ts', 'test/language/**/*.test.ts', 'test/simulation/**/*.test.ts'],
        exclude: ['test/language/fuzz.test.ts', 'node_modules/**'],
        testTimeout: 60_000,
        isolate: false,
        setupFiles: ['test/support/temp-cleanup.ts'],
    },
});
