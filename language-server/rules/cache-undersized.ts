/**
 * cache-undersized: a cache whose predicted hit rate on the reads it sees (cache-model.ts:
 * capacity, its key space, skew, policy, TTL and placement) is below
 * `cache-undersized.minHitRate` (default 0.5), or below the hit rate the store behind it needs
 * to stay under its capacity at peak. A cache that sees only writes is not judged. Where the
 * TTL rather than the capacity holds the hit rate down (without it the cache would reach the
 * bar), the finding says so and names a TTL that would. No fix: the right size or lifetime is
 * a cost and freshness decision.
 */
import { analyse } from '../analysis/model-analysis.js';
import { cacheHitModel, frontedStores } from '../analysis/caches.js';
import { keySpaceOf } from '../analysis/key-spaces.js';
import type { ArchComponent, ArchModel } from '../model/types.js';
import { at, duration, num, pct } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf, ttlOf } from '../model/kinds.js';

/** Longest TTL the finding proposes: 30 days. */
const MAX_TTL_S = 30 * 86_400;

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
        for (const cache of model.components.values()) {
            const items = cacheSpecOf(cache)?.capacityItems;
            if (items === undefined) continue;
            const load = loads.get(cache.name);
            if (load && load.rps > 0 && load.readRps === 0) continue;
            const hit = hitRates.get(cache.name) ?? cacheHitModel(model, cache, load?.readRps).hitRate;
            let bar: number | undefined;
            let why: string | undefined;
            if (hit < minimum) [bar, why] = [minimum, `below ${pct(minimum)}`];
            else if (load && load.readRps > 0) {
                for (const store of frontedStores(model, cache)) {
                    const needed = neededHitRate(loads.get(store.name), load.readRps * (1 - hit), load.readRps);
                    if (needed !== undefined && hit < needed) {
                        [bar, why] = [needed, `below the ${pct(needed)} that ${store.name} needs to stay under its capacity`];
                        break;
                    }
                }
            }
            if (bar === undefined || why === undefined) continue;
            const space = keySpaceOf(model, cache);
            const keys = space?.keys ?? model.workload.keys;
            const zipf = space?.zipf ?? model.workload.zipf;
            const sized = `${num(items)} items for ${keys === undefined ? 'the key space' : `${num(keys)} keys`}${zipf > 0 ? ` at zipf ${zipf}` : ''}`;
            const ttlS = ttlOf(cache);
            const untimed = ttlS === undefined ? hit : cacheHitModel(model, withTtl(cache, undefined), load?.readRps).hitRate;
            let message: string;
            if (ttlS !== undefined && untimed >= bar) {
                const longer = longerTtl(model, cache, ttlS, load?.readRps, bar);
                message = `${cache.name} is predicted to hit ${pct(hit)} of reads, ${why}: its ttl of ${duration(ttlS)} expires entries before they are read again, ` +
                    `not its size (${sized} would hit ${pct(untimed)} without it); ${longer === undefined ? 'a longer ttl' : `a ttl of ${duration(longer)}`} would reach ${pct(bar)}.`;
            } else {
                message = `${cache.name} is predicted to hit ${pct(hit)} of reads (${sized}), ${why}.`;
            }
            report({ message, location: at(cache, ttlS !== undefined && untimed >= bar ? 'ttl' : 'capacity', 'capacity', 'size'), component: cache.name });
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

/** `cache` with entries living `ttlS` (undefined: until evicted). */
function withTtl(cache: ArchComponent, ttlS: number | undefined): ArchComponent {
    return cache.kind === 'cache' || cache.kind === 'proxy' ? { ...cache, ttlS } : cache;
}

/** The shortest doubling of `ttlS` (up to 30 days) at which the cache reaches `bar`. */
function longerTtl(model: ArchModel, cache: ArchComponent, ttlS: number, reads: number | undefined, bar: number): number | undefined {
    for (let t = ttlS * 2; t <= MAX_TTL_S; t *= 2) {
        if (cacheHitModel(model, withTtl(cache, t), reads).hitRate >= bar) return t;
    }
    return undefined;
}
