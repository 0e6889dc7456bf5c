/**
 * fan-out-tail: a synchronous fan-out of N ≥ `fan-out-tail.width` (default 10) parallel calls
 * on a read path — an `[xN]` call, or a read of a `round_robin`-partitioned store, which asks
 * all its shards — where the caller waits for the slowest of the N: 1 − 0.99^N of its requests
 * meet at least one call beyond the callee's p99, so the caller's p99 becomes roughly the
 * callee's p99.9 or worse. Judged on the flows' steps where flows are declared (up to a queue:
 * what follows runs asynchronously), else on the connections. Reported on the caller, at the
 * annotation. No fix: the remedies (hedged requests, partial results, fewer callees) are
 * design changes.
 */
import { scatterWidth } from '../analysis/partition.js';
import { edgesFrom } from '../analysis/edge-index.js';
import type { ArchModel, CallAnnotation, FlowStep, SourceLocation } from '../model/types.js';
import { partitionOf } from '../model/kinds.js';
import { pct } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The fan-out-tail rule. */
export const fanOutTail: Rule = {
    id: 'fan-out-tail',
    meta: {
        description: 'A wide synchronous fan-out on a read path: the caller waits for the slowest of N calls, so its tail is the callees\' far tail.',
        severity: 'warning', fixable: false, category: 'design',
        thresholds: {
            width: { default: 10, minimum: 2, integer: true, description: 'Parallel calls a read waits for from which the fan-out is reported.' },
        },
    },
    check({ model, threshold, report }) {
        const width = threshold('width');
        const seen = new Set<string>();
        const judge = (caller: string, callee: string, call: CallAnnotation, access: 'read' | 'write' | undefined, fallback: SourceLocation) => {
            if (!reads(model, access)) return;
            const component = model.components.get(callee);
            const partition = component && partitionOf(component);
            const scatter = partition ? scatterWidth(partition) : 1;
            const n = Math.max(call.count, scatter);
            const location = call.count >= scatter ? call.source ?? fallback : fallback;
            const key = `${caller}->${callee}@${location.range.start.line}:${location.range.start.character}`;
            if (n < width || seen.has(key)) return;
            seen.add(key);
            const how = call.count >= scatter ? `${n} parallel calls to ${callee} ([x${n}])` : `all ${n} shards of ${callee} (round_robin partitioning: every read asks every shard)`;
            report({
                message: `${caller} waits for the slowest of ${how} on a read path: ${pct(1 - 0.99 ** n)} of its requests meet a call beyond ` +
                    `${callee}'s p99, so its p99 becomes roughly ${callee}'s p99.9 or worse.`,
                location, component: caller,
            });
        };
        if (model.flows.length) {
            const walk = (step: FlowStep) => {
                for (const call of step.calls) {
                    const kind = edgesFrom(model, step.component).find((e) => e.to === call.component)?.kind ?? 'call';
                    if (kind !== 'call') continue;
                    judge(step.component, call.component, call.call, call.access, call.source);
                    walk(call);
                }
            };
            for (const flow of model.flows) walk(flow.root);
            return;
        }
        for (const edge of model.edges) {
            if (edge.kind === 'call') judge(edge.from, edge.to, edge.call, edge.call.access, edge.source);
        }
    },
};

/** Whether a call with this access reads: marked so, or unmarked while the workload reads. */
function reads(model: ArchModel, access: 'read' | 'write' | undefined): boolean {
    return access === 'read' || (access === undefined && model.workload.readRatio > 0);
}
