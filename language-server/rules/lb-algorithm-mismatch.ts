/**
 * lb-algorithm-mismatch: a balancing algorithm that fits its traffic badly: `round_robin` over
 * targets of unequal capacity, or with `weights` it ignores (use weighted_round_robin); or
 * `round_robin`/`random` in front of long-lived `websocket`, `sse` or `long_polling`
 * connections, which pile up unevenly (use least_connections, offered as a fix). No thresholds.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { edgesFrom, edgesTo } from '../analysis/edge-index.js';
import { at, list, propertyFix, rps } from './report-helpers.js';
import type { Rule } from './rule.js';

const LONG_LIVED = new Set(['websocket', 'sse', 'long_polling']);

/** The lb-algorithm-mismatch rule. */
export const lbAlgorithmMismatch: Rule = {
    id: 'lb-algorithm-mismatch',
    meta: {
        description: 'A balancing algorithm that spreads this traffic unevenly.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const lb of model.components.values()) {
            if (lb.kind !== 'loadbalancer') continue;
            const algorithm = lb.loadBalancer.algorithm;
            if (algorithm !== 'round_robin' && algorithm !== 'random') continue;
            const location = at(lb, 'algorithm');
            const protocols = longLivedInto(model, lb);
            if (protocols.length) {
                report({
                    message: `${lb.name} balances long-lived ${list(protocols)} connections by ${algorithm}, so replicas holding many open connections keep getting more.`,
                    location, component: lb.name,
                    fixes: [propertyFix(lb, 'algorithm', 'algorithm least_connections', `Balance ${lb.name} by least connections`)],
                });
                continue;
            }
            if (algorithm !== 'round_robin') continue;
            const targets = edgesFrom(model, lb.name).filter((e) => e.kind === 'call').map((e) => model.components.get(e.to)!);
            const capacities = targets.filter((t) => t.capacityRps !== undefined).map((t) => `${t.name} ${rps(t.capacityRps!)}`);
            const unequal = new Set(targets.filter((t) => t.capacityRps !== undefined).map((t) => t.capacityRps)).size > 1;
            if (unequal || lb.loadBalancer.weights.length) {
                report({
                    message: unequal
                        ? `${lb.name} sends equal turns by round_robin to targets of unequal capacity (${list(capacities, 4)}), so the smallest saturates first.`
                        : `${lb.name} declares weights but round_robin ignores them.`,
                    location, component: lb.name,
                });
            }
        }
    },
};

/** Long-lived protocols of the connections into a balancer (or of the clients calling it). */
function longLivedInto(model: ArchModel, lb: ArchComponent): string[] {
    const found = new Set<string>();
    for (const edge of edgesTo(model, lb.name)) {
        const from = model.components.get(edge.from);
        const protocol = edge.protocol ?? (from?.kind === 'client' ? from.protocol : undefined);
        if (protocol && LONG_LIVED.has(protocol)) found.add(protocol);
    }
    return [...found];
}
