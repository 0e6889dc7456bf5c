/** write-bottleneck: one shard's writes against one replica's write capacity (every replica applies every write). */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { lint, ruleTester } from './rule-tester.js';

/** 10k rps: `w`% of it in a write flow, the rest read, into `db`. */
const store = (props: string, w = 10, flows?: string) => `system S {
  workload { rps 10k }
  client app
  service api { replicas 20 capacity 5k rps }
  database db { ${props} }
  ${flows ?? `flow save ${w}% write : app -> api -> db\n  flow browse ${100 - w}% read : app -> api -> db`}
}`;
const ONE_K = 'replicas 3 failover 30s capacity 20k rps write_capacity 1k rps';
const partitioned = (partition: string) => `replicas 3 failover 30s ${partition} capacity 20k rps write_capacity 1k rps`;
const HASH4 = store(partitioned('partition hash(id) shards 4 consistent vnodes 256'), 40);

ruleTester.run('write-bottleneck', {
    valid: [
        { name: 'writes at 70% of one replica', code: store(ONE_K, 7) },
        { name: 'reads over capacity are not its finding', code: store('replicas 2 failover 30s capacity 2k rps write_capacity 5k rps', 10) },
        { name: 'writes spread over 8 hash shards', code: store(partitioned('partition hash(id) shards 8 consistent vnodes 256'), 40) },
        { name: 'a 1% share of a [x10] fan-out over 20 shards', code: store(partitioned('partition hash(id) shards 20 consistent vnodes 256'), 0, 'flow post 1% write : app -> api -> db [x10]') },
        { name: '90% under the 95% the configuration sets', code: store(ONE_K, 9), thresholds: { 'write-bottleneck.headroom': 0.95 } },
        { name: 'no write capacity to judge by', code: store('replicas 3 failover 30s', 50) },
        { name: 'a replicated cache is not a store (its writes over capacity are capacity-exceeded\'s)', code: store('replicas 3 failover 30s', 50).replace('database db { replicas 3 failover 30s }', 'cache db { leader single replicas 2 failover 30s capacity 500 rps }') },
    ],
    invalid: [
        {
            name: 'writes at 100% of one replica, on write_capacity, fixed by partitioning over 2 shards',
            code: store(ONE_K), errors: [{ component: 'db', on: 'write_capacity 1k rps' }],
            output: store(`partition hash(id) shards 2 consistent vnodes 128 ${ONE_K}`),
        },
        { name: 'more replicas do not help', code: store(ONE_K.replace('replicas 3', 'replicas 9')), errors: [{ component: 'db', on: 'write_capacity 1k rps' }], output: store(`partition hash(id) shards 2 consistent vnodes 128 ${ONE_K.replace('replicas 3', 'replicas 9')}`) },
        { name: 'multi-leader replicas each apply every write too', code: store('replicas 3 leader multi capacity 20k rps write_capacity 1k rps'), errors: [{ component: 'db', on: 'write_capacity 1k rps' }], output: store('partition hash(id) shards 2 consistent vnodes 128 replicas 3 leader multi capacity 20k rps write_capacity 1k rps') },
        { name: 'writes at 90%: a warning', code: store(ONE_K, 9), errors: [{ component: 'db', on: 'write_capacity 1k rps' }], output: store(`partition hash(id) shards 2 consistent vnodes 128 ${ONE_K}`, 9) },
        {
            name: 'a busiest hash shard at ~100%, fixed with twice the shards the mean needs',
            code: HASH4, errors: [{ component: 'db', on: 'write_capacity 1k rps' }],
            output: HASH4.replace('shards 4 ', 'shards 8 '),
        },
        {
            name: 'every insert on the newest shard of a monotonic range: no number of shards helps',
            code: store(partitioned('partition range(created_at) shards 8\n    key monotonic')), errors: [{ component: 'db', on: 'write_capacity 1k rps' }],
        },
        { name: 'a 1% write flow fanning out [x10] into one shard', code: store(ONE_K, 0, 'flow post 1% write : app -> api -> db [x10]'), errors: [{ component: 'db', on: 'write_capacity 1k rps' }], output: store(`partition hash(id) shards 2 consistent vnodes 128 ${ONE_K}`, 0, 'flow post 1% write : app -> api -> db [x10]') },
        {
            name: 'a 10% [write] step inside a read flow',
            code: store(ONE_K, 0, 'flow view 100% read : app -> api -> { db, db [write 10%] }'), errors: [{ component: 'db', on: 'write_capacity 1k rps' }],
            output: store(`partition hash(id) shards 2 consistent vnodes 128 ${ONE_K}`, 0, 'flow view 100% read : app -> api -> { db, db [write 10%] }'),
        },
        {
            // 1k rps of writes on 50: 20x; the mean shard is under 80% (40 rps) from 1k / 40 = 25 shards, so 32, past the four doublings from 2.
            name: 'writes at 20x one replica: the first try is the power of two the mean shard needs',
            code: store('replicas 3 failover 30s capacity 20k rps write_capacity 50 rps'), errors: [{ component: 'db', on: 'write_capacity 50 rps' }],
            output: store('partition hash(id) shards 32 consistent vnodes 128 replicas 3 failover 30s capacity 20k rps write_capacity 50 rps'),
        },
        {
            // The mean shard needs 8 (6 x 0.95 / 0.8 = 7.1), but splitting each of 6 shards gives 12.
            name: 'six shards near their write capacity are split in two each, not re-cut to a power of two',
            code: store(partitioned('partition hash(id) shards 6 consistent vnodes 256').replace('1k rps', '190 rps')), errors: [{ component: 'db', on: 'write_capacity 190 rps' }],
            output: store(partitioned('partition hash(id) shards 12 consistent vnodes 256').replace('1k rps', '190 rps')),
        },
        {
            // 1k rps on 633: 158%; two shards leave the mean at 79%, and a 128-vnode ring never splits evenly, so the next try, 4 (40%), is the fix.
            name: 'a first try whose busiest shard stays over the headroom doubles again',
            code: store('replicas 3 failover 30s capacity 20k rps write_capacity 633 rps'), errors: [{ component: 'db', on: 'write_capacity 633 rps' }],
            output: store('partition hash(id) shards 4 consistent vnodes 128 replicas 3 failover 30s capacity 20k rps write_capacity 633 rps'),
        },
        {
            // 5k rps of writes on 1 rps: the mean shard needs 6,250, past the 4,096 shards the fix proposes at most.
            name: 'no fix past 4096 shards',
            code: store('replicas 3 failover 30s capacity 20k rps write_capacity 1 rps', 10, undefined).replace('rps 10k', 'rps 50k'), errors: [{ component: 'db', on: 'write_capacity 1 rps' }],
        },
        { name: 'capacity stands for writes where write_capacity is not given', code: store('replicas 3 failover 30s capacity 1k rps', 10, 'flow save 10% write : app -> api -> db'), errors: [{ component: 'db', on: 'capacity 1k rps' }], output: store('partition hash(id) shards 2 consistent vnodes 128 replicas 3 failover 30s capacity 1k rps', 10, 'flow save 10% write : app -> api -> db') },
    ],
});

describe('write-bottleneck severity', () => {
    const severity = async (code: string) => (await lint('write-bottleneck', code)).map((d) => d.severity);
    it('is an error from 100% of one replica\'s write capacity and a warning from 80%', async () => {
        expect(await severity(store(ONE_K, 10))).toEqual([DiagnosticSeverity.Error]);
        expect(await severity(store(ONE_K, 8))).toEqual([DiagnosticSeverity.Warning]);
        expect(await severity(store(ONE_K, 7))).toEqual([]);
    });
});

describe('write-bottleneck message', () => {
    const message = async (code: string) => (await lint('write-bottleneck', code)).map((d) => d.message);
    it('says where the writes land: the store, or its busiest shard', async () => {
        // 10% of 10k rps: 1k rps of writes on one replica's 1k.
        expect(await message(store(ONE_K))).toEqual([
            'db takes 1k rps of writes at peak, 100% of the 1k rps one replica applies (write_capacity): each of its 3 replicas applies every write, so more replicas do not help.',
        ]);
        expect((await message(HASH4))[0]).toMatch(/^db takes \S+ rps of writes on its busiest of 4 shards at peak, /);
    });
});
