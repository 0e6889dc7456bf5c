/**
 * failover-data-loss: a single leader with followers of which none is synchronous, on a store
 * that must not lose acknowledged writes: promoting a follower loses what it had not yet
 * received (about the last `replication_lag` of writes), with or without zones. An error on
 * `durability critical`, a warning on `acid on` alone; silent otherwise. Offers one
 * synchronous follower (`replicas N sync 1`), which a failover then promotes. No thresholds.
 */
import { asyncFollowers, isStore, leaderOf } from '../model/kinds.js';
import { at, duration, plural, propertyFix } from './report-helpers.js';
import type { Rule } from './rule.js';

/** The failover-data-loss rule. */
export const failoverDataLoss: Rule = {
    id: 'failover-data-loss',
    meta: {
        description: 'A store that must keep acknowledged writes, with a single leader and no synchronous follower: a failover loses the last writes.',
        severity: 'error', fixable: true, category: 'design',
    },
    check({ model, report }) {
        for (const store of model.components.values()) {
            const leader = leaderOf(store);
            if (!isStore(store) || leader?.mode !== 'single' || store.replicas < 2 || store.syncFollowers > 0) continue;
            const critical = store.store.durability === 'critical';
            if (!critical && !store.store.acid) continue;
            const followers = asyncFollowers(store);
            const replicas = `replicas ${store.replicas} sync${store.replicas > 2 ? ' 1' : ''}`;
            report({
                message: `${store.name} (${critical ? 'durability critical' : 'acid on'}) has a single leader and ${plural(followers, 'async follower')}: ` +
                    `a failover promotes a follower that lacks about the last ${duration(leader.replicationLagS)} of acknowledged writes.`,
                location: at(store, 'replicas'), component: store.name, severity: critical ? 'error' : 'warning',
                fixes: [propertyFix(store, 'replicas', replicas, `Make one follower of ${store.name} synchronous`)],
            });
        }
    },
};
