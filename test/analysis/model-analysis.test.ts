/**
 * The shared per-model analysis (analysis/model-analysis.ts): computed once per model and per
 * part, and its reach worked by hand — the components on traffic paths, then what reached
 * components name (a queue's dead letter queue, a store's joins and references, a directory's
 * lookup) and what those call in turn; cut analysis and shared dependencies (cuts.ts) by hand.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';

describe('analyse', () => {
    it('computes each part once per model and keeps it', async () => {
        const m = await model('system S { client c service api database db c -> api -> db }');
        const a = analyse(m);
        expect(analyse(m)).toBe(a);
        expect(a.graph).toBe(a.graph);
        expect(a.traffic).toBe(a.traffic);
        expect(a.cuts).toBe(a.cuts);
        expect(a.spofs).toBe(a.spofs);
        expect(a.shared).toBe(a.shared);
        expect(a.reached).toBe(a.reached);
        expect(a.graph.sources.map((s) => s.name)).toEqual(['c']);
        expect(a.traffic.loads.get('db')?.rps).toBe(m.workload.rps * m.workload.peak);
        expect(a.spofs.map((s) => s.component)).toEqual(['api', 'db']);
        expect(a.cuts.complete).toBe(true);
        expect(analyse(await model('system S { client c service api database db c -> api -> db }'))).not.toBe(a);
    });

    it('reaches what traffic passes, then dead letter queues, joined and referenced stores, lookups and what they call', async () => {
        const m = await model(`system S {
            client c service api queue q { dead_letter dlq } queue dlq worker w { consumes q } worker janitor { consumes dlq }
            database orders { joins [customers] references [products] } database customers database products { references [suppliers] }
            database suppliers service lookup database sharded { partition directory(id) via lookup shards 4 } service audit database audit_db
            database lonely service idle
            c -> api -> q
            api -> orders
            w -> sharded
            lookup -> audit
            audit -> audit_db
            idle -> lonely
        }`);
        expect([...analyse(m).reached].sort()).toEqual([
            'api', 'audit', 'audit_db', 'c', 'customers', 'dlq', 'janitor', 'lookup', 'orders', 'products', 'q', 'sharded', 'suppliers', 'w',
        ]);
    });

    it('stops at stores that join each other', async () => {
        const m = await model(`system S { client c service api database orders { joins [customers] } database customers { joins [orders] }
            database other { references [orders] } c -> api -> orders }`);
        expect([...analyse(m).reached].sort()).toEqual(['api', 'c', 'customers', 'orders']);
    });

    it('names a shared balancer only when every flow needs it, and a global cache and a directory always', async () => {
        const m = await model(`system S {
            client c loadbalancer lb { replicas 2 } service api { replicas 2 } cache g { placement global } service lookup
            database a { partition directory(id) via lookup shards 2 } database b { partition directory(id) via lookup shards 2 }
            c -> lb -> api -> g -> a
            api -> b
        }`);
        const shared = analyse(m).shared;
        expect([...shared.keys()]).toEqual(['lookup', 'g', 'lb']);
        expect(shared.get('lookup')).toEqual({ role: 'directory', stores: ['a', 'b'] });
        expect(shared.get('g')).toEqual({ role: 'global-cache' });
        expect(shared.get('lb')).toMatchObject({ role: 'balancer' });
        const bypassed = await model(`system S { client c client d loadbalancer lb service api { replicas 2 } c -> lb -> api d -> api }`);
        expect([...analyse(bypassed).shared.keys()]).toEqual([]);
    });
});
