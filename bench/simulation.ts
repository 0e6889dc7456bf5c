/** Simulator benchmarks: engine events per second, 1M requests through 10 tiers, memory over a long run. */
import { EmptyFileSystem } from 'langium';
import { createArchServices } from '../language-server/arch-module.js';
import { buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import type { ArchModel } from '../language-server/model/types.js';
import { runSimulation } from '../language-server/simulation/run.js';
import { measure, type BenchRow } from './common.js';

async function modelOf(text: string): Promise<ArchModel> {
    const { document } = await buildText(createArchServices(EmptyFileSystem).Arch, text);
    return buildModels(document.parseResult.value)[0];
}

/** A chain of `tiers` services at utilisation ~0.6, each an M/M/4 station. */
function chain(tiers: number, rps: number): string {
    const names = Array.from({ length: tiers }, (_, i) => `t${i + 1}`);
    const services = names.map((n) => `  service ${n} { replicas 4 capacity ${(rps / 2.4).toFixed(0)} rps latency 0.1ms }`).join('\n');
    return `system Bench {\n  workload { rps ${rps} }\n  client c\n${services}\n  c -> ${names.join(' -> ')}\n}`;
}

/** Engine throughput and the quality.md bars for the simulator. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const tenTiers = await modelOf(chain(10, 100_000));
    let events = 0;
    const million = await measure(async () => {
        const report = await runSimulation(tenTiers, { durationS: 10 });
        events = report.events;
    }, { warmup: 1, runs: 5 });
    rows.push({ name: `1M requests through a 10-tier model (${(events / 1e6).toFixed(1)}M events)`, ...million, bar: '≤ 2000 ms (quality.md)' });
    rows.push({
        name: 'simulator engine events per second (10-tier run)', medianMs: million.medianMs, runs: million.runs,
        bar: '≥ 3M events/s (quality.md)', note: `${(events / million.medianMs / 1000).toFixed(2)}M events/s`,
    });

    const single = await modelOf(chain(1, 50_000));
    let requests = 0;
    const long = await measure(async () => {
        const report = await runSimulation(single, { durationS: 200 });
        requests = report.requests.offered;
    }, { warmup: 0, runs: 1 });
    rows.push({
        name: `${(requests / 1e6).toFixed(0)}M requests, one tier: memory`, ...long,
        bar: '≤ 150 MB for 10M requests (quality.md)',
        note: `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole bench process, language services included)`,
    });
    return rows;
}
