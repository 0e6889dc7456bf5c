/**
 * cap-conflict: a store that declares `consistency strong` while its replicas span zones with
 * `async` replication (a failover loses acknowledged writes, or followers serve stale reads),
 * or while a load balancer in `mode active_active` across zones sends it writes from every
 * zone (during a partition it must refuse them or break its promise). No thresholds.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { edgesFrom } from '../analysis/edge-index.js';
import { at, list } from './report-helpers.js';
import type { Rule } from './rule.js';
import { isStore } from '../model/kinds.js';

/** The cap-conflict rule. */
export const capConflict: Rule = {
    id: 'cap-conflict',
    meta: {
        description: 'Strong consistency claimed where the replication or active-active setup cannot keep it across zones.',
        severity: 'warning', fixable: false, category: 'design',
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            if (!isStore(store) || store.store.consistency !== 'strong' || !store.properties.consistency) continue;
            let why: string | undefined;
            if (store.zones.length > 1 && store.replication === 'async') {
                why = `replicates asynchronously across zones ${list(store.zones)}, so a failover loses acknowledged writes or a follower serves stale reads`;
            } else {
                const balancer = activeActiveAcrossZones(model, store);
                if (balancer) why = `takes writes from ${balancer.name}, active_active across zones ${list(zonesBehind(model, balancer))}, and must refuse them during a partition`;
            }
            if (!why) continue;
            report({ message: `${store.name} promises strong consistency but ${why}.`, location: at(store, 'consistency'), component: store.name });
        }
    },
};

/** A balancer written `mode active_active` whose targets span zones and whose traffic reaches `store`. */
function activeActiveAcrossZones(model: ArchModel, store: ArchComponent): ArchComponent | undefined {
    for (const lb of model.components.values()) {
        if (lb.kind !== 'loadbalancer' || lb.loadBalancer.mode !== 'active_active' || !lb.properties.mode || zonesBehind(model, lb).length < 2) continue;
        if (reaches(model, lb.name, store.name)) return lb;
    }
    return undefined;
}

/** Zones of a balancer and of the components right behind it. */
function zonesBehind(model: ArchModel, lb: ArchComponent): string[] {
    const targets = edgesFrom(model, lb.name).map((e) => model.components.get(e.to)?.zones ?? []);
    return [...new Set([...lb.zones, ...targets.flat()])];
}

function reaches(model: ArchModel, from: string, to: string): boolean {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
        const name = stack.pop()!;
        for (const edge of edgesFrom(model, name)) {
            if (seen.has(edge.to)) continue;
            if (edge.to === to) return true;
            seen.add(edge.to);
            stack.push(edge.to);
        }
    }
    return false;
}
