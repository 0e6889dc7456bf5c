/**
 * cache-eviction-mismatch: an eviction policy that fights the workload: `mru`/`lifo` under a
 * Zipf-skewed workload (recency predicts reuse; they evict or freeze the wrong entries);
 * `fifo`/`random` where LRU would gain more than `cache-eviction-mismatch.gain` (default 0.05)
 * of hit rate at this capacity (cache-model.ts); `lfu` on a cache where at least
 * `cache-eviction-mismatch.lfuWriteShare` (default 0.1) of traffic writes new items, so
 * popularity keeps shifting toward them while old counts keep stale entries in. Offers `eviction lru`.
 */
import { analyse } from '../analysis/model-analysis.js';
import { cacheHitModel } from '../analysis/caches.js';
import type { ArchComponent, ArchModel, CacheSpec } from '../model/types.js';
import { at, pct, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-eviction-mismatch rule. */
export const cacheEvictionMismatch: Rule = {
    id: 'cache-eviction-mismatch',
    meta: {
        description: 'An eviction policy that loses hit rate on this workload where LRU would not.',
        severity: 'warning', fixable: true, category: 'design',
        thresholds: {
            gain: { default: 0.05, minimum: 0, maximum: 1, description: 'Hit-rate gain (0..1) LRU must bring over fifo or random before they are reported.' },
            lfuWriteShare: { default: 0.1, minimum: 0, maximum: 1, description: 'Share of traffic (0..1) writing new items from which lfu is reported.' },
        },
    },
    check({ model, threshold, report }) {
        const gain = threshold('gain');
        const lfuWrites = threshold('lfuWriteShare');
        const { loads } = analyse(model).traffic;
        for (const cache of model.components.values()) {
            const policy = cacheSpecOf(cache)?.eviction;
            if (!policy || policy === 'lru') continue;
            const load = loads.get(cache.name);
            const [current, lru] = hitRates(model, cache, load?.readRps);
            const numbers = lru - current > 0.005 ? `: it would hit ${pct(current)} where LRU hits ${pct(lru)}` : '';
            let why: string | undefined;
            if ((policy === 'mru' || policy === 'lifo') && model.workload.zipf > 0) {
                why = `evicts by ${policy} under a zipf ${model.workload.zipf} workload, where the recently used keys are the ones read again${numbers}`;
            } else if ((policy === 'fifo' || policy === 'random') && lru - current > gain) {
                why = `evicts by ${policy}${numbers}`;
            } else if (policy === 'lfu' && load && load.rps > 0 && load.writeRps / load.rps >= lfuWrites) {
                why = `evicts by lfu while ${pct(load.writeRps / load.rps)} of its traffic writes new items, so old counts keep yesterday's popular entries in`;
            }
            if (!why) continue;
            report({
                message: `${cache.name} ${why}.`,
                location: at(cache, 'eviction'), component: cache.name,
                fixes: [propertyFix(cache, 'eviction', 'eviction lru', `Evict least recently used entries in ${cache.name}`)],
            });
        }
    },
};

/** The hit rate with the cache's policy and with LRU, at its read rate. */
function hitRates(model: ArchModel, cache: ArchComponent, reads: number | undefined): [number, number] {
    const lru = withLru(cache);
    return [cacheHitModel(model, cache, reads).hitRate, cacheHitModel(model, lru, reads).hitRate];
}

/** `cache` as it would be with LRU eviction. */
function withLru(cache: ArchComponent): ArchComponent {
    if ((cache.kind !== 'cache' && cache.kind !== 'proxy') || !cache.cache) return cache;
    const spec: CacheSpec = { ...cache.cache, eviction: 'lru' };
    return { ...cache, cache: spec };
}
