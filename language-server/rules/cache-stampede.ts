/**
 * cache-stampede: a cache (or caching proxy or CDN) with a `ttl`, in front of what it caches,
 * without `coalesce on`: when the hottest key expires, every read of it that arrives before
 * the refill returns misses too. Those concurrent misses are the key's read rate at the cache
 * times the mean time a miss takes to come back (the mean service times along the miss path:
 * what the cache calls, a cache further down passing on only its misses); from
 * `cache-stampede.concurrentMisses` (default 5) the store behind takes a herd at every expiry.
 * Offers `coalesce on`.
 */
import { analyse } from '../analysis/model-analysis.js';
import { serviceOf } from '../analysis/service.js';
import { isCaching } from '../analysis/caches.js';
import { spreads, splitWeights, type TrafficNode } from '../analysis/traffic-graph.js';
import { ttlOf } from '../model/kinds.js';
import type { ArchComponent } from '../model/types.js';
import { at, duration, num, propertyFix, rps } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The cache-stampede rule. */
export const cacheStampede: Rule = {
    id: 'cache-stampede',
    meta: {
        description: 'A hot key expiring from a cache without request coalescing: every read until the refill misses too.',
        severity: 'warning', fixable: true, category: 'design',
        thresholds: {
            concurrentMisses: { default: 5, exclusiveMinimum: 0, description: "Concurrent misses of the hottest key at its expiry (read rate × miss path time) from which a cache is reported." },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('concurrentMisses');
        const analysis = analyse(model);
        const { loads, hitRates } = analysis.traffic;
        for (const cache of model.components.values()) {
            const ttlS = ttlOf(cache);
            const node = analysis.graph.byComponent.get(cache.name);
            const hot = loads.get(cache.name)?.hotKeyReadRps ?? 0;
            if (ttlS === undefined || coalesces(cache) || !node || !(hot > 0)) continue;
            const missS = downstreamS(node, hitRates, new Set([node]));
            const misses = hot * missS;
            if (!(missS > 0) || misses < limit) continue;
            report({
                message: `${cache.name}'s hottest key takes ${rps(hot)} of reads at peak; when it expires (ttl ${duration(ttlS)}), the ${duration(missS)} a miss ` +
                    `takes to come back lets about ${num(misses)} concurrent misses through to what it caches.`,
                location: at(cache, 'ttl'), component: cache.name,
                fixes: [propertyFix(cache, 'coalesce', 'coalesce on', `Coalesce concurrent misses in ${cache.name}`)],
            });
        }
    },
};

/** Whether concurrent misses of one key wait for one load there. */
function coalesces(component: ArchComponent): boolean {
    return (component.kind === 'cache' || component.kind === 'proxy' || component.kind === 'cdn') && component.coalesce;
}

/** Mean seconds a request takes at `node` and what it calls (a cache passes on only its misses). */
function timeAt(node: TrafficNode, hitRates: ReadonlyMap<string, number>, path: Set<TrafficNode>): number {
    const own = serviceOf(node.component).latency?.meanS ?? 0;
    const passed = isCaching(node.component) ? 1 - (hitRates.get(node.component.name) ?? 0) : 1;
    return own + (passed > 0 ? passed * downstreamS(node, hitRates, path) : 0);
}

/** Mean seconds of what `node` calls synchronously: a balancer's targets by their weights, a tier's calls one after another. */
function downstreamS(node: TrafficNode, hitRates: ReadonlyMap<string, number>, path: Set<TrafficNode>): number {
    const weights = spreads(node.component) ? splitWeights(node) : node.out.map((e) => e.call.share);
    let total = 0;
    node.out.forEach((edge, i) => {
        if (edge.kind !== 'call' || path.has(edge.to)) return;
        path.add(edge.to);
        total += weights[i] * timeAt(edge.to, hitRates, path);
        path.delete(edge.to);
    });
    return total;
}
