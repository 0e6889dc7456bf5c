/**
 * cache-write-around-read-after-write: `write write_around` (the default) on a cache whose
 * store declares `read_after_write on`, or which a read flow passes after a write flow passed
 * it (flows read in declaration order, as the story of the system: upload, then view): the
 * write skips the cache and invalidates it, so the read that follows always misses. A step
 * marked `[read]` in a write flow reads the cache and does not count as a write. Offers
 * `write write_through`. Not reported in front of stores whose items never change
 * (`immutable on`). No thresholds.
 */
import { frontedStores } from '../analysis/caches.js';
import type { FlowStep } from '../model/types.js';
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
        let accesses: Map<string, Set<'read' | 'write'>>[] | undefined;
        for (const cache of model.components.values()) {
            if (cacheSpecOf(cache)?.write !== 'write_around') continue;
            const fronted = frontedStores(model, cache);
            // Immutable items are written once: the first read misses and the entry then stays valid, one miss per item, not per update.
            if (fronted.length && fronted.every((s) => s.store.immutable)) continue;
            const stores = fronted.filter((s) => s.store.readAfterWrite && !s.store.immutable);
            let why: string | undefined;
            if (stores.length) why = `${list(stores.map((s) => s.name))} declares read_after_write on`;
            else {
                accesses ??= model.flows.map((f) => accessesOf(f.root, f.access));
                const byFlow = model.flows.map((flow, i) => ({ flow, access: accesses![i].get(cache.name) }));
                const write = byFlow.findIndex((f) => f.access?.has('write'));
                const read = write < 0 ? undefined : byFlow.slice(write + 1).find((f) => f.access?.has('read'));
                if (read) why = `read flow ${read.flow.name} follows write flow ${byFlow[write].flow.name} through it`;
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

/** Every component a flow's steps name, with how its steps there access it (`[read]`/`[write]`, else the flow's kind). */
function accessesOf(step: FlowStep, flowAccess: 'read' | 'write' | undefined): Map<string, Set<'read' | 'write'>> {
    const found = new Map<string, Set<'read' | 'write'>>();
    const stack = [step];
    while (stack.length) {
        const s = stack.pop()!;
        const seen = found.get(s.component) ?? new Set<'read' | 'write'>();
        const access = s.access ?? flowAccess;
        if (access) seen.add(access);
        found.set(s.component, seen);
        stack.push(...s.calls);
    }
    return found;
}
