/**
 * cache-write-back-durability: `write write_back` in front of a store with `durability
 * critical` or `acid on`: the cache acknowledges writes it has not yet flushed, so losing a
 * cache node loses writes the store promised to keep. Offers `write write_through`. No thresholds.
 */
import { frontedStores } from '../analysis/caches.js';
import { at, list, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-write-back-durability rule. */
export const cacheWriteBackDurability: Rule = {
    id: 'cache-write-back-durability',
    meta: {
        description: 'A write-back cache in front of a store that must not lose acknowledged writes.',
        severity: 'error', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const cache of model.components.values()) {
            if (cacheSpecOf(cache)?.write !== 'write_back') continue;
            const stores = frontedStores(model, cache).filter((s) => s.store.durability === 'critical' || s.store.acid);
            if (!stores.length) continue;
            const promise = stores.every((s) => s.store.durability === 'critical') ? 'durability critical' : 'durability critical or acid on';
            report({
                message: `${cache.name} acknowledges writes before ${list(stores.map((s) => s.name))} (${promise}) has them, so losing a cache node loses them.`,
                location: at(cache, 'write'), component: cache.name,
                fixes: [propertyFix(cache, 'write', 'write write_through', `Write through ${cache.name}`)],
            });
        }
    },
};
