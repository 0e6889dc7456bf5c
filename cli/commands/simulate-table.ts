/** The readable table form of a simulation report (`archlint simulate --format table`). */
import type { LatencySummary, ObjectiveResult, SimulationReport } from '../../language-server/simulation/report.js';

/** Formats `report` as aligned text blocks, one per section that has content. */
export function formatReport(report: SimulationReport): string {
    const lines: string[] = [];
    const scenario = report.scenario ? `, scenario ${report.scenario}` : '';
    const warmup = report.warmupS > 0 ? `, first ${report.warmupS} s left out` : '';
    lines.push(`${report.system}: ${report.mode}, ${report.durationS} s, seed ${report.seed}${scenario}, load ${load(report)}${warmup}`);
    if (report.simulatedS < report.durationS) {
        lines.push(`STOPPED EARLY: only ${report.simulatedS} s of ${report.durationS} s simulated (${report.limitsHit.join(', ')} cap); the figures cover that much`);
    }
    const { offered, completed, failed, inFlight } = report.requests;
    const open = inFlight > 0 ? `, in flight at the end ${count(inFlight)} (not completed)` : '';
    lines.push(`requests   offered ${count(offered)}, completed ${count(completed)}, failed ${count(failed)}${open}, availability ${percent(report.availability, 3)}`);
    lines.push(`throughput ${count(report.throughputRps)} rps, latency ${latency(report.latencyMs)}`);

    const flows = Object.entries(report.flows);
    if (flows.length) {
        lines.push('', ...table(['flow', 'rps', 'mean ms', 'p50', 'p95', 'p99', 'failed'],
            flows.map(([name, f]) => [name, count(f.throughputRps), ...ms(f.latencyMs), count(f.failed)])));
    }
    const objectives = flows.flatMap(([name, f]) => (f.objectives ?? []).map((o) => [name, o] as const));
    if (objectives.length) {
        const value = (o: ObjectiveResult, x: number) => (o.objective === 'availability' ? percent(x, 3) : `${x >= 100 ? x.toFixed(0) : x.toFixed(2)} ms`);
        lines.push('', ...table(['objective', 'target', 'value', 'met', 'where'],
            objectives.map(([name, o]) => [`${name} ${o.objective}`, value(o, o.target), value(o, o.value), o.met ? 'yes' : 'NO',
                [o.tier, o.scenario && `in ${o.scenario}`].filter(Boolean).join(' ')])));
    }
    const components = Object.entries(report.components);
    if (components.length) {
        // Retry columns only when the run retried or timed out anything.
        const retrying = components.some(([, c]) => c.retries > 0 || c.timeouts > 0);
        const extra = retrying ? ['retries', 'timeouts', 'calls/req'] : [];
        lines.push('', ...table(['component', 'util', 'max util', 'rps', 'mean ms', 'p50', 'p95', 'p99', 'failed', ...extra],
            components.map(([name, c]) => [name, percent(c.utilisation), percent(c.maxUtilisation), count(c.throughputRps), ...ms(c.latencyMs), count(c.failed),
                ...(retrying ? [count(c.retries), count(c.timeouts), c.callsPerRequest.toFixed(2)] : [])])));
    }
    const caches = Object.entries(report.caches);
    if (caches.length) {
        lines.push('', ...table(['cache', 'hit rate', 'lost writes', 'collapsed', 'model'],
            caches.map(([name, c]) => [name, percent(c.hitRate), count(c.lostWrites), count(c.collapsed), c.model])));
    }
    const shards = Object.entries(report.shards);
    if (shards.length) {
        lines.push('', ...table(['partitioned', 'shards', 'max/mean', 'busiest rps'],
            shards.map(([name, s]) => [name, String(s.loadRps.length), s.maxOverMean.toFixed(2), count(Math.max(...s.loadRps))])));
    }
    const queues = Object.entries(report.queues);
    if (queues.length) {
        lines.push('', ...table(['queue', 'max depth', 'depth at end', 'dead-lettered', 'lost', 'dropped'],
            queues.map(([name, q]) => [name, count(q.maxDepth), count(q.depth), count(q.deadLettered), count(q.lost), count(q.dropped)])));
    }
    // Over time only where something happened over time: failures, or a load that changed (a spike).
    const varied = report.timeline.failedRps.some((f) => f > 0) || report.timeline.offeredRps.some((o, _, all) => Math.abs(o - all[0]) > 0.5 * all[0]);
    if (varied && report.simulatedS >= report.durationS) {
        lines.push('', `availability over time  ${sparkline(report.timeline)}  (${report.durationS / report.timeline.offeredRps.length} s a mark)`);
    }
    if (report.limitsHit.length) lines.push('', `limits hit: ${report.limitsHit.join(', ')} (${report.simulatedS} s of ${report.durationS} s simulated)`);
    return `${lines.join('\n')}\n`;
}

/** The offered load as the header states it: rate and where it comes from. */
function load(report: SimulationReport): string {
    const { basis, factor, rps } = report.load;
    const why = basis === 'peak' ? `peak ${factor}x` : basis === 'mean' ? 'mean' : basis === 'scenario' ? `scenario load ${factor}x` : `${factor}x the mean`;
    return `${count(rps)} rps (${why})`;
}

/** One mark per slice of the run: the share of its requests that completed, from ▁ (none) to █ (all). */
function sparkline(timeline: SimulationReport['timeline']): string {
    const marks = '▁▂▃▄▅▆▇█';
    return timeline.completedRps.map((done, i) => {
        const finished = done + timeline.failedRps[i];
        if (!(finished > 0)) return ' ';
        return marks[Math.min(marks.length - 1, Math.floor((done / finished) * (marks.length - 1)))];
    }).join('');
}

/** Left-aligned first column, right-aligned numbers. */
function table(header: string[], rows: string[][]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
    return [line(header), ...rows.map(line)];
}

function count(x: number): string {
    return Math.round(x).toLocaleString('en-US');
}

function percent(x: number, digits = 1): string {
    return `${(x * 100).toFixed(digits)}%`;
}

function ms(l: LatencySummary): string[] {
    return [l.mean, l.p50, l.p95, l.p99].map((x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2)));
}

function latency(l: LatencySummary): string {
    const [mean, p50, p95, p99] = ms(l);
    return `mean ${mean} ms, p50 ${p50}, p95 ${p95}, p99 ${p99}`;
}
