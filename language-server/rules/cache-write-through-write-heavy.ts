/**
 * cache-write-through-write-heavy: `write write_through` on a cache where writes are at least
 * `cache-write-through-write-heavy.writeShare` (default 0.5) of its traffic at peak: every
 * write pays the cache and the store, and written items are rarely read back from the cache.
 * Offers `write write_around`.
 */
import { analyse } from '../analysis/model-analysis.js';
import { at, pct, propertyFix, rps } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-write-through-write-heavy rule. */
export const cacheWriteThroughWriteHeavy: Rule = {
    id: 'cache-write-through-write-heavy',
    meta: {
        description: 'A write-through cache whose traffic is mostly writes.',
        severity: 'warning', fixable: true, category: 'design',
        thresholds: {
            writeShare: { default: 0.5, minimum: 0, maximum: 1, description: "Share of a cache's traffic (0..1) that writes, from which write_through is reported." },
        },
    },
    check({ model, threshold, report }) {
        const limit = threshold('writeShare');
        const { loads } = analyse(model).traffic;
        for (const cache of model.components.values()) {
            const load = loads.get(cache.name);
            if (cacheSpecOf(cache)?.write !== 'write_through' || !load || !(load.rps > 0)) continue;
            const share = load.writeRps / load.rps;
            if (share < limit) continue;
            report({
                message: `${cache.name} writes through, and ${pct(share)} of its ${rps(load.rps)} at peak are writes that each pay the cache and the store.`,
                location: at(cache, 'write'), component: cache.name,
                fixes: [propertyFix(cache, 'write', 'write write_around', `Write around ${cache.name}`)],
            });
        }
    },
};
