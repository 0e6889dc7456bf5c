/**
 * The v2 traffic semantics (language.md, "Semantics the tools share (v2)"): call counts and
 * shares, per-step read/write, leader routing and copied writes, per-component key spaces and
 * a store's own write ratio. Every expected figure is worked out by hand from the model text.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { computeLoads } from '../../language-server/analysis/traffic.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';

const loadsOf = async (text: string) => computeLoads(await model(text));

describe('call annotations', () => {
    it('multiplies what flows downstream of an [xN] call by N, and scales a [P%] call by P', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k }
            client c service api service fan database timelines queue notify
            c -> api -> fan -> timelines [x10]
            api -> notify [5%]
        }`);
        expect(loads.get('fan')?.rps).toBeCloseTo(1000);
        expect(loads.get('timelines')?.rps).toBeCloseTo(10_000);
        expect(loads.get('notify')?.rps).toBeCloseTo(50);
    });

    it('lets a flow step override its connection one kind at a time, never multiplying twice', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 100 }
            client c service api database a database b database d
            api -> a [x4 50%]
            api -> b [x3]
            flow f write : c -> api -> { a [x2], b, d [x5] }
        }`);
        // a: the step's x2 replaces the connection's x4, the connection's 50% stays: 100 × 2 × 0.5.
        expect(loads.get('a')?.rps).toBeCloseTo(100);
        // b: the connection's x3 alone.
        expect(loads.get('b')?.rps).toBeCloseTo(300);
        // d: only the flow implies api -> d, and the step says x5.
        expect(loads.get('d')?.rps).toBeCloseTo(500);
    });

    it('makes a [read] step inside a write flow a read: its cache can hit, its store sees no write', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache followers { capacity 1k items invalidation none } database graph database tweets
            followers -> graph
            flow post 100% write : c -> api -> { tweets, followers [read] -> graph }
        }`);
        expect(loads.get('tweets')?.writeRps).toBeCloseTo(1000);
        expect(loads.get('followers')?.readRps).toBeCloseTo(1000);
        expect(loads.get('followers')?.writeRps).toBeCloseTo(0);
        // The writes recast as reads bring their hottest key: 1% of 1,000/s.
        expect(loads.get('followers')?.hotKeyReadRps).toBeCloseTo(10);
        // 100 keys in a cache of 1,000 items: every read hits, nothing reaches the graph.
        expect(loads.get('graph')?.rps).toBeCloseTo(0);
    });

    it('makes a [write] step inside a read flow, and what it calls, a write', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 200 }
            client c service api service audit database log
            flow f read : c -> api -> audit [write] -> log
        }`);
        expect(loads.get('audit')?.writeRps).toBeCloseTo(200);
        expect(loads.get('log')?.writeRps).toBeCloseTo(200);
        expect(loads.get('api')?.readRps).toBeCloseTo(200);
    });

    it('continues a flow through a queue to its consumer, whose own steps keep their annotations', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 100 }
            client c service api queue jobs worker w { consumes jobs } database db database results
            flow f write : c -> api -> jobs -> w -> { db [read x2], results }
        }`);
        expect(loads.get('w')?.rps).toBeCloseTo(100);
        expect(loads.get('db')?.readRps).toBeCloseTo(200);
        expect(loads.get('results')?.writeRps).toBeCloseTo(100);
    });
});

describe('leaders and copies', () => {
    it('judges writes per shard against write_capacity and reads per replica that serves them', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k }
            client c service api
            database db { replicas 3 capacity 1k rps write_capacity 500 rps consistency eventual reads followers }
            flow r 60% read : c -> api -> db
            flow w write : c -> api -> db
        }`);
        const replication = loads.get('db')!.replication!;
        expect(replication.readReplicas).toBe(2);
        expect(replication.readRpsPerReplica).toBeCloseTo(300);
        expect(replication.writeRpsPerShard).toBeCloseTo(400);
        expect(replication.writeUtilisation).toBeCloseTo(0.8);
        // A follower takes 300 reads of 1,000/s and applies 400 writes of 500/s.
        expect(replication.utilisation).toBeCloseTo(1.1);
    });

    it('sends every read to the leader under strong consistency by default, and spreads them under any', async () => {
        const text = (reads: string) => `system S {
            workload { rps 1k }
            client c database db { replicas 4 capacity 2k rps ${reads} }
            c -> db
        }`;
        expect((await loadsOf(text(''))).get('db')!.replication!.readRpsPerReplica).toBeCloseTo(1000);
        expect((await loadsOf(text('consistency eventual'))).get('db')!.replication!.readRpsPerReplica).toBeCloseTo(250);
        expect((await loadsOf(text('reads any'))).get('db')!.replication!.readRpsPerReplica).toBeCloseTo(250);
    });

    it('gives a partitioned store its writes per shard: only shards add write capacity', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k read_ratio 0 }
            client c database db { replicas 3 capacity 400 rps partition range(t) shards 4 key monotonic leader multi }
            c -> db
        }`);
        // A monotonic range key puts every new write on the newest shard, whatever the leader mode.
        expect(loads.get('db')!.replication!.writeRpsPerShard).toBeCloseTo(1000);
        expect(loads.get('db')!.replication!.writeUtilisation).toBeCloseTo(2.5);
    });

    it('takes a store\'s own write_ratio as the share of its traffic that writes, without flows', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k read_ratio 0.9 }
            client c service api database ledger { write_ratio 0.8 } database other
            c -> api -> ledger
            api -> other
        }`);
        expect(loads.get('ledger')?.writeRps).toBeCloseTo(800);
        expect(loads.get('ledger')?.readRps).toBeCloseTo(200);
        expect(loads.get('other')?.writeRps).toBeCloseTo(100);
    });

    it('turns a store\'s own write_ratio into reads even where only writes arrive', async () => {
        const at = async (readRatio: number) => (await loadsOf(`system S {
            workload { rps 1k read_ratio ${readRatio} keys 100 zipf 0 }
            client c service api database ledger { write_ratio 0.25 keys 10 zipf 0 }
            c -> api -> ledger
        }`)).get('ledger')!;
        for (const ledger of [await at(0), await at(0.5)]) {
            expect(ledger.readRps).toBeCloseTo(750);
            expect(ledger.writeRps).toBeCloseTo(250);
            // The ledger's 10 uniform keys: its hottest key takes 10% of each.
            expect(ledger.hotKeyReadRps).toBeCloseTo(75);
            expect(ledger.hotKeyWriteRps).toBeCloseTo(25);
        }
    });

    it('applies a store\'s own write_ratio to the misses a cache passes on', async () => {
        // kv keeps half of 100 uniform keys: 500 misses/s reach the ledger, a quarter of them as writes.
        const ledger = (await loadsOf(`system S {
            workload { rps 1k keys 100 zipf 0 }
            client c service api cache kv { capacity 50 items invalidation none } database ledger { write_ratio 0.25 }
            c -> api -> kv -> ledger
        }`)).get('ledger')!;
        expect(ledger.readRps).toBeCloseTo(375, 3);
        expect(ledger.missedReadRps).toBeCloseTo(375, 3);
        expect(ledger.writeRps).toBeCloseTo(125, 3);
        expect(ledger.hotKeyReadRps).toBeCloseTo(3.75, 5);
        expect(ledger.hotKeyWriteRps).toBeCloseTo(1.25, 5);
    });
});

describe('key spaces', () => {
    it('fits a cache to the key space of the store behind it, not the workload\'s', async () => {
        const m = await model(`system S {
            workload { rps 1k keys 1B zipf 0 }
            client c service api cache kv { capacity 1k items invalidation none } database users { keys 500 zipf 0 }
            kv -> users
            flow f read : c -> api -> kv
        }`);
        // 500 user keys fit in 1,000 items: every read hits (a billion workload keys would never).
        expect(analyse(m).traffic.hitRates.get('kv')).toBeCloseTo(1, 3);
    });

    it('takes the hottest key from the store\'s own key space', async () => {
        const loads = await loadsOf(`system S {
            workload { rps 1k keys 1B zipf 0 }
            client c service api database tweets { keys 100 zipf 0 } database users
            flow f read : c -> api -> { tweets, users }
        }`);
        expect(loads.get('tweets')?.hotKeyRps).toBeCloseTo(10);
        expect(loads.get('users')?.hotKeyRps).toBeCloseTo(1e-6);
    });
});
