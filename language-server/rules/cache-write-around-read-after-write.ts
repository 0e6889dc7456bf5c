/**
 * cache-write-around-read-after-write: `write write_around` (the default) on a cache whose
 * store declares `read_after_write on`, or which a read flow passes after a write flow passed
 * it (flows read in declaration order, as the story of the system: upload, then view): the
 * write skips the cache and invalidates it, so the read that follows always misses. Offers
 * `write write_through`. Not reported in front of stores whose items never change
 * (`immutable on`). No thresholds.
 */
import { frontedStores } from '../analysis/caches.js';
import type { ArchFlow, FlowStep } from '../model/types.js';
import { at, list, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';
import { cacheSpecOf } from '../model/kinds.js';

/** The cache-write-around-read-after-write rule. */
export const cacheWriteAroundReadAfterWrite: Rule = {
    id: 'cache-write-around-read-after-write',
    meta: {
        description: 'A write-around cache where reads follow writes of the same items, so fresh writes always miss.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        let members: Set<string>[] | undefined;
        for (const cache of model.components.values()) {
            if (cacheSpecOf(cache)?.write !== 'write_around') continue;
            const fronted = frontedStores(model, cache);
            // Immutable items are written once: the first read misses and the entry then stays valid, one miss per item, not per update.
            if (fronted.length && fronted.every((s) => s.store.immutable)) continue;
            const stores = fronted.filter((s) => s.store.readAfterWrite && !s.store.immutable);
            let why: string | undefined;
            if (stores.length) why = `${list(stores.map((s) => s.name))} declares read_after_write on`;
            else {
                members ??= model.flows.map((f) => componentsOf(f.root));
                const passing = model.flows.filter((_, i) => members![i].has(cache.name));
                const write = passing.find((f) => f.access === 'write');
                const read = write && passing.slice(passing.indexOf(write) + 1).find((f: ArchFlow) => f.access === 'read');
                if (write && read) why = `read flow ${read.name} follows write flow ${write.name} through it`;
            }
            if (!why) continue;
            report({
                message: `${cache.name} writes around the cache while ${why}, so every fresh write misses on its first read.`,
                location: at(cache, 'write'), component: cache.name,
                fixes: [propertyFix(cache, 'write', 'write write_through', `Write through ${cache.name}`)],
            });
        }
    },
};

/** Every component a flow's steps name. */
function componentsOf(step: FlowStep): Set<string> {
    const names = new Set<string>();
    const stack = [step];
    while (stack.length) {
        const s = stack.pop()!;
        names.add(s.component);
        stack.push(...s.calls);
    }
    return names;
}
