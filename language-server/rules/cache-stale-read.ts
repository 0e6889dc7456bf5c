/**
 * cache-stale-read: a cache with `invalidation ttl_only` or `none` in front of a store with
 * `consistency strong` (the default): reads through the cache see old values until the TTL
 * runs out (or forever), which breaks the promise the store makes. Offers
 * `invalidation on_write`. A store whose items never change (`immutable on`) has nothing to
 * go stale. No thresholds.
 */
import { frontedStores } from '../analysis/caches.js';
import { at, list, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf, ttlOf } from '../model/kinds.js';

/** The cache-stale-read rule. */
export const cacheStaleRead: Rule = {
    id: 'cache-stale-read',
    meta: {
        description: 'A cache that is not invalidated on writes in front of a strongly consistent store.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const cache of model.components.values()) {
            const invalidation = cacheSpecOf(cache)?.invalidation;
            if (invalidation !== 'ttl_only' && invalidation !== 'none') continue;
            const stores = frontedStores(model, cache).filter((s) => s.store.consistency === 'strong' && !s.store.immutable);
            if (!stores.length) continue;
            const ttlS = ttlOf(cache);
            const until = invalidation === 'none' ? 'indefinitely' : `until its ttl${ttlS !== undefined ? ` of ${ttlS}s` : ''} runs out`;
            report({
                message: `${cache.name} is invalidated by ${invalidation === 'none' ? 'nothing' : 'ttl only'} in front of strongly consistent ${list(stores.map((s) => s.name))}, so reads may be stale ${until}.`,
                location: at(cache, 'invalidation'), component: cache.name,
                fixes: [propertyFix(cache, 'invalidation', 'invalidation on_write', `Invalidate ${cache.name} on write`)],
            });
        }
    },
};
