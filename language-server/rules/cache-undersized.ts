/**
 * cache-undersized: a cache whose predicted hit rate (cache-model.ts: capacity, key space,
 * skew, policy, TTL and placement) is below `cache-undersized.minHitRate` (default 0.5), or
 * below the hit rate the store behind it needs to stay under its capacity at peak. No fix:
 * the right size is a cost decision.
 */
import { analyse } from '../analysis/model-analysis.js';
import { cacheHitModel, frontedStores } from '../analysis/caches.js';
import { at, num, pct } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-undersized rule. */
export const cacheUndersized: Rule = {
    id: 'cache-undersized',
    meta: {
        description: 'A cache too small for its key space to hit often enough.',
        severity: 'warning', fixable: false, category: 'design',
        thresholds: {
            minHitRate: { default: 0.5, minimum: 0, maximum: 1, description: 'Lowest predicted hit rate (0..1) a cache may have.' },
        },
    },
    check({ model, threshold, report }) {
        const minimum = threshold('minHitRate');
        const { loads, hitRates } = analyse(model).traffic;
        const keys = model.workload.keys;
        for (const cache of model.components.values()) {
            const items = cacheSpecOf(cache)?.capacityItems;
            if (items === undefined) continue;
            const load = loads.get(cache.name);
            const hit = hitRates.get(cache.name) ?? cacheHitModel(model, cache, load?.readRps).hitRate;
            const sized = `${num(items)} items for ${keys === undefined ? 'the key space' : `${num(keys)} keys`}${model.workload.zipf > 0 ? ` at zipf ${model.workload.zipf}` : ''}`;
            let why: string | undefined;
            if (hit < minimum) why = `below ${pct(minimum)}`;
            else if (load && load.readRps > 0) {
                for (const store of frontedStores(model, cache)) {
                    const needed = neededHitRate(loads.get(store.name), load.readRps * (1 - hit), load.readRps);
                    if (needed !== undefined && hit < needed) {
                        why = `below the ${pct(needed)} that ${store.name} needs to stay under its capacity`;
                        break;
                    }
                }
            }
            if (!why) continue;
            report({
                message: `${cache.name} is predicted to hit ${pct(hit)} of reads (${sized}), ${why}.`,
                location: at(cache, 'capacity', 'size'), component: cache.name,
            });
        }
    },
};

/** The hit rate at which the store's load falls to its capacity, if some hit rate ≤ 1 gets it there. */
function neededHitRate(store: { rps: number; utilisation?: number } | undefined, misses: number, reads: number): number | undefined {
    if (!store?.utilisation || store.utilisation <= 1) return undefined;
    const limit = store.rps / store.utilisation;
    const needed = 1 - (limit - (store.rps - misses)) / reads;
    return needed <= 1 ? needed : undefined;
}
