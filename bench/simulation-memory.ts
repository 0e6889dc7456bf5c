/**
 * Runs one long simulation in a process of its own and prints its memory as JSON, so that the
 * figure is the simulator's and not what earlier benchmarks left in the bench process.
 * Usage: node out/bench/simulation-memory.js SECONDS (at 50k requests per second).
 */
import { chain, modelOf } from './simulation-models.js';
import { runSimulation } from '../language-server/simulation/run.js';

const seconds = Number(process.argv[2] ?? 200);
const model = await modelOf(chain(1, 50_000));
const before = process.memoryUsage().rss;
const report = await runSimulation(model, { durationS: seconds });
process.stdout.write(JSON.stringify({
    requests: report.requests.offered,
    beforeMb: before / 2 ** 20,
    peakMb: process.resourceUsage().maxRSS / 1024,
}));
