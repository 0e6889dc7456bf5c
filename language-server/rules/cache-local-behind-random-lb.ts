/**
 * cache-local-behind-random-lb: an `app_server` cache on a tier whose load balancer is
 * `round_robin` or `random`: every key lands on every replica, so each replica caches the
 * whole key space in its own memory and the hit rate falls toward that of one replica's share.
 * Not reported when the cache holds the key space anyway (no hit rate to gain). Offers
 * `algorithm ip_hash` on the balancer, or `placement distributed`. No thresholds.
 */
import { analyse } from '../analysis/model-analysis.js';
import { cacheHitModel, cacheTier } from '../analysis/caches.js';
import { at, pct, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-local-behind-random-lb rule. */
export const cacheLocalBehindRandomLb: Rule = {
    id: 'cache-local-behind-random-lb',
    meta: {
        description: 'A per-replica cache behind a balancer that sends each key to every replica.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        const { loads } = analyse(model).traffic;
        for (const cache of model.components.values()) {
            if (cacheSpecOf(cache)?.placement !== 'app_server') continue;
            const { tier, balancer, replicas } = cacheTier(model, cache);
            const algorithm = balancer?.loadBalancer.algorithm;
            if (!tier || !balancer || replicas < 2 || (algorithm !== 'round_robin' && algorithm !== 'random')) continue;
            const reads = loads.get(cache.name)?.readRps;
            const now = cacheHitModel(model, cache, reads).hitRate;
            const pinned = cacheHitModel(model, cache, reads, 'ip_hash').hitRate;
            if (pinned - now <= 0.005) continue;
            report({
                message: `${cache.name} is an app_server cache on ${tier.name}'s ${replicas} replicas behind ${balancer.name}'s ${algorithm} balancer, ` +
                    `so every replica caches every key and it hits ${pct(now)} where ip_hash would give ${pct(pinned)}.`,
                location: at(cache, 'placement'), component: cache.name,
                fixes: [
                    propertyFix(balancer, 'algorithm', 'algorithm ip_hash', `Balance ${balancer.name} by ip_hash`),
                    propertyFix(cache, 'placement', 'placement distributed', `Make ${cache.name} a distributed cache`),
                ],
            });
        }
    },
};
