/**
 * How a store's copies share reads and writes (analysis/replication.ts), worked by hand from
 * language.md's "Copies and writes": a read costs one replica of those `reads` names, a write
 * costs every replica of its shard; the replicas of anything else share its load.
 */
import { describe, expect, it } from 'vitest';
import { lone } from '../helpers.js';
import type { ArchComponent } from '../../language-server/model/types.js';
import {
    readReplicas, replicaLoad, replicaRates, replicationOf, servesReads, writeCapacityOf, writeServiceScale,
} from '../../language-server/analysis/replication.js';

describe('replicationOf', () => {
    it('copies writes on a replicated database, single leader by default, failover and sync followers read', async () => {
        expect(replicationOf(await lone('database', 'replicas 3 sync 1 failover 30s reads followers'))).toEqual({
            copies: true, replicas: 3, mode: 'single', reads: 'followers', syncFollowers: 1, failoverS: 30,
        });
        expect(replicationOf(await lone('database', 'replicas 2 sync'))).toMatchObject({ copies: true, mode: 'single', syncFollowers: 1, failoverS: undefined });
    });

    it('reads any replica and has no sync followers or failover under multi or none', async () => {
        for (const mode of ['multi', 'none'] as const) {
            expect(replicationOf(await lone('database', `replicas 3 sync leader ${mode}`))).toEqual({
                copies: true, replicas: 3, mode, reads: 'any', syncFollowers: 0, failoverS: undefined,
            });
        }
    });

    it('shares the load of one replica, of a service, and of a cache or queue that states no leader', async () => {
        const shared = (replicas: number) => ({ copies: false, replicas, mode: 'none', reads: 'any', syncFollowers: 0 });
        expect(replicationOf(await lone('database', 'replicas 1'))).toEqual(shared(1));
        expect(replicationOf(await lone('service', 'replicas 4'))).toEqual(shared(4));
        expect(replicationOf(await lone('cache', 'replicas 2'))).toEqual(shared(2));
        expect(replicationOf(await lone('cache', 'replicas 2 leader single'))).toMatchObject({ copies: true, mode: 'single' });
    });
});

describe('readers and rates', () => {
    const copied = (replicas: number, reads: 'leader' | 'followers' | 'any') => ({ copies: true, replicas, mode: 'single' as const, reads, syncFollowers: 0 });

    it('reads from the leader alone, the N − 1 followers (at least 1) or all N', () => {
        expect(readReplicas(copied(3, 'leader'))).toBe(1);
        expect(readReplicas(copied(3, 'followers'))).toBe(2);
        expect(readReplicas(copied(1, 'followers'))).toBe(1);
        expect(readReplicas(copied(3, 'any'))).toBe(3);
        expect(readReplicas({ ...copied(4, 'leader'), copies: false })).toBe(4);
    });

    it('names the replicas that serve reads (0 is the leader)', () => {
        const serving = (r: ReturnType<typeof copied>) => Array.from({ length: r.replicas }, (_, i) => servesReads(r, i));
        expect(serving(copied(3, 'leader'))).toEqual([true, false, false]);
        expect(serving(copied(3, 'followers'))).toEqual([false, true, true]);
        expect(serving(copied(1, 'followers'))).toEqual([true]);
        expect(serving(copied(3, 'any'))).toEqual([true, true, true]);
        expect(serving({ ...copied(3, 'leader'), copies: false })).toEqual([true, true, true]);
    });

    it('applies every write on every copy and splits reads among the readers', () => {
        // 300 reads over two followers (150 each), 40 writes on all three.
        expect(replicaRates(copied(3, 'followers'), 300, 40)).toEqual([40, 190, 190]);
        expect(replicaRates(copied(3, 'leader'), 300, 40)).toEqual([340, 40, 40]);
        expect(replicaRates({ ...copied(4, 'leader'), copies: false }, 300, 100)).toEqual([100, 100, 100, 100]);
    });
});

describe('write capacity', () => {
    it('takes write_capacity on a store, else capacity; the write service scale is their ratio', async () => {
        const db = await lone('database', 'capacity 4k rps write_capacity 1k rps');
        expect(writeCapacityOf(db)).toBe(1000);
        expect(writeServiceScale(db)).toBe(4);
        const plain = await lone('database', 'capacity 4k rps');
        expect(writeCapacityOf(plain)).toBe(4000);
        expect(writeServiceScale(plain)).toBe(1);
        const none = await lone('service', 'latency 2ms');
        expect(writeCapacityOf(none)).toBeUndefined();
        expect(writeServiceScale(none)).toBe(1);
        expect(writeServiceScale(await lone('database', 'write_capacity 1k rps'))).toBe(1);
    });
});

describe('replicaLoad', () => {
    it('judges the busiest shard: reads per reader and writes per shard against their capacities', async () => {
        const db = await lone('database', 'replicas 3 reads followers capacity 1k rps write_capacity 500 rps');
        // Shard 0: 600 reads (300 per follower), 100 writes; shard 1: 200 reads (100 each), 250 writes.
        // Busiest replica: shard 0's follower 300/1000 + 100/500 = 0.5, shard 1's 100/1000 + 250/500 = 0.6.
        const load = replicaLoad(db, [600, 200], [100, 250]);
        expect(load).toMatchObject({ readReplicas: 2, readRpsPerReplica: 300, writeRpsPerShard: 250, readCapacityRps: 1000, writeCapacityRps: 500 });
        expect(load.readUtilisation).toBeCloseTo(0.3, 12);
        expect(load.writeUtilisation).toBeCloseTo(0.5, 12);
        expect(load.utilisation).toBeCloseTo(0.6, 12);
    });

    it('reads a missing shard entry as no traffic', async () => {
        const db = await lone('database', 'capacity 1k rps');
        const load = replicaLoad(db, [100], [50, 700]);
        expect(load.readRpsPerReplica).toBe(100);
        expect(load.writeRpsPerShard).toBe(700);
        expect(load.utilisation).toBeCloseTo(0.7, 12);
        expect(replicaLoad(db, [100, 900], [50]).utilisation).toBeCloseTo(0.9, 12);
    });

    it('judges writes alone where only write_capacity is declared', async () => {
        const load = replicaLoad(await lone('database', 'write_capacity 500 rps'), [100], [250]);
        expect(load.readUtilisation).toBeUndefined();
        expect(load.writeUtilisation).toBe(0.5);
        expect(load.utilisation).toBe(0.5);
    });

    it('has no utilisation without capacity, Infinity for traffic against 0 rps and 0 for none', async () => {
        const free = replicaLoad(await lone('database', 'replicas 2'), [100], [10]);
        expect(free.utilisation).toBeUndefined();
        expect(free.readUtilisation).toBeUndefined();
        expect(free.writeUtilisation).toBeUndefined();
        const zero = { ...(await lone('database', 'capacity 1k rps')), capacityRps: 0 } as ArchComponent;
        expect(replicaLoad(zero, [5], [0])).toMatchObject({ readUtilisation: Infinity, writeUtilisation: 0, utilisation: Infinity });
        expect(replicaLoad(zero, [0], [0]).utilisation).toBe(0);
    });
});
