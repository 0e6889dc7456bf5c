/**
 * stale-replica-read: reads reach async followers — `reads any` or `followers` under a single
 * leader, or any replica under `leader multi`/`none` with `consistency eventual` — while the
 * store needs to read its own writes: it declares `read_after_write on`, or a flow writes it
 * and later reads it (a read step after a write step to the same store). A follower within
 * `replication_lag` of the write misses it. Offers `reads leader` under a single leader.
 * No thresholds.
 */
import type { ArchFlow, StoreComponent } from '../model/types.js';
import { asyncFollowers, isStore } from '../model/kinds.js';
import { at, duration, list, propertyFix } from './report-helpers.js';
import type { Fix, Rule } from './rule.js';

/** The stale-replica-read rule. */
export const staleReplicaRead: Rule = {
    id: 'stale-replica-read',
    meta: {
        description: 'Reads served by lagging followers of a store that must read its own writes.',
        severity: 'warning', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            if (!isStore(store) || asyncFollowers(store) === 0) continue;
            const single = store.leader.mode === 'single';
            if (single ? store.leader.reads === 'leader' : store.store.consistency !== 'eventual') continue;
            const flows = model.flows.filter((f) => readsAfterWrite(f, store.name));
            if (!store.store.readAfterWrite && !flows.length) continue;
            const needs = store.store.readAfterWrite ? 'declares read_after_write on' : `is read after a write in flow${flows.length > 1 ? 's' : ''} ${list(flows.map((f) => f.name))}`;
            const where = single ? `reads ${store.leader.reads}` : `leader ${store.leader.mode}, consistency eventual`;
            const fixes: Fix[] = single ? [propertyFix(store, 'reads', 'reads leader', `Read ${store.name} from its leader`)] : [];
            report({
                message: `${store.name} ${needs}, but its reads go to async followers (${where}): ` +
                    `a read within about ${duration(store.leader.replicationLagS)} of a write to the same key misses it.`,
                location: single ? at(store, 'reads', 'leader', 'replicas') : at(store, 'consistency', 'leader'),
                component: store.name, fixes,
            });
        }
    },
};

/** Whether `flow` reads `store` in a step after one that writes it. */
function readsAfterWrite(flow: ArchFlow, store: StoreComponent['name']): boolean {
    let written = false;
    for (const hop of flow.hops) {
        if (hop.to !== store) continue;
        if (hop.access === 'write') written = true;
        else if (hop.access === 'read' && written) return true;
    }
    return false;
}
