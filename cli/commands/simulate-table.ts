/** The readable table form of a simulation report (`archlint simulate --format table`). */
import type { LatencySummary, SimulationReport } from '../../language-server/simulation/report.js';

/** Formats `report` as aligned text blocks, one per section that has content. */
export function formatReport(report: SimulationReport): string {
    const lines: string[] = [];
    const scenario = report.scenario ? `, scenario ${report.scenario}` : '';
    lines.push(`${report.system}: ${report.mode}, ${report.durationS} s, seed ${report.seed}${scenario}`);
    const { offered, completed, failed } = report.requests;
    lines.push(`requests   offered ${count(offered)}, completed ${count(completed)}, failed ${count(failed)}, availability ${percent(report.availability, 3)}`);
    lines.push(`throughput ${count(report.throughputRps)} rps, latency ${latency(report.latencyMs)}`);

    const flows = Object.entries(report.flows);
    if (flows.length) {
        lines.push('', ...table(['flow', 'rps', 'mean ms', 'p50', 'p95', 'p99', 'failed'],
            flows.map(([name, f]) => [name, count(f.throughputRps), ...ms(f.latencyMs), count(f.failed)])));
    }
    const components = Object.entries(report.components);
    if (components.length) {
        lines.push('', ...table(['component', 'util', 'max util', 'rps', 'mean ms', 'p50', 'p95', 'p99', 'failed'],
            components.map(([name, c]) => [name, percent(c.utilisation), percent(c.maxUtilisation), count(c.throughputRps), ...ms(c.latencyMs), count(c.failed)])));
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
    if (report.limitsHit.length) lines.push('', `limits hit: ${report.limitsHit.join(', ')} (stopped at ${report.simulatedS} s simulated)`);
    return `${lines.join('\n')}\n`;
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
