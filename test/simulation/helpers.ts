/** Helpers for simulator tests: run a model text, compare with closed forms. */
import { expect } from 'vitest';
import { model } from '../helpers.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import type { SimulationOptions } from '../../language-server/simulation/settings.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';

/** Simulates the one system of `text`. */
export async function simulate(text: string, options: SimulationOptions = {}): Promise<SimulationReport> {
    return runSimulation(await model(text), { seed: 11, ...options });
}

/** Asserts |actual / expected − 1| ≤ tolerance, with the numbers in the message. */
export function expectWithin(actual: number, expected: number, tolerance: number, what = ''): void {
    const error = Math.abs(actual / expected - 1);
    expect(error, `${what} ${actual} vs ${expected} (${(error * 100).toFixed(2)}%)`).toBeLessThanOrEqual(tolerance);
}
