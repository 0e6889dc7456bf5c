import { describe, expect, it } from 'vitest';
import { lint, ruleTester } from './rule-tester.js';
import { partitionText } from '../../language-server/rules/hot-shard.js';
import { cachedShardShares } from '../../language-server/analysis/shard-shares.js';
import { analyse } from '../../language-server/analysis/model-analysis.js';
import type { DiagnosticData } from '../../language-server/lsp/arch-document-validator.js';
import { componentOf, model } from '../helpers.js';

const feed = (front: string, path: string) => `system Feed {
  workload { rps 50k peak 2x keys 10M zipf 1.2 }
  client app
  service api { replicas 10 capacity 20k rps }
  ${front}
  database posts { replicas 2 partition hash(post_id) shards 64 consistent vnodes 256 capacity 2k rps }
  app -> api -> ${path}
}`;
const CACHED_FEED = feed('cache post_cache { capacity 1M items replicas 3 }', 'post_cache -> posts');
const RING = 'partition hash(post_id) shards 64 consistent vnodes 256';

ruleTester.run('hot-key', {
    valid: [
        { name: 'a cache in front serves the hottest key\'s reads', code: CACHED_FEED },
        { name: 'writes of the hottest key still reach the store, but within one shard', code: CACHED_FEED.replace('zipf 1.2 }', 'zipf 1.2 read_ratio 0.99 }') },
        { name: 'a utilisation limit the configuration raises', code: feed('', 'posts'), thresholds: { 'hot-key.utilisation': 100 } },
        { name: 'uniform keys', code: feed('', 'posts').replace(' zipf 1.2', '') },
        { name: 'a store without a declared capacity', code: feed('', 'posts').replace(' capacity 2k rps }', ' }') },
        // The hottest of 10M keys at zipf 1.2 takes 1/H(10M, 1.2) ≈ 18.5% of 100k reads/s at peak: ≈ 18.5k rps.
        { name: 'enough read replicas per shard for the hottest key (10 × 2k rps)', code: feed('', 'posts').replace('database posts { replicas 2', 'database posts { replicas 10 reads any') },
        { name: 'the store\'s own key space is uniform, whatever the workload\'s skew', code: feed('', 'posts').replace('database posts { replicas 2', 'database posts { keys 1B replicas 2') },
    ],
    invalid: [
        { name: 'the hottest key overflowing one shard, on the partition', code: feed('', 'posts'), errors: [{ component: 'posts', on: RING }] },
        {
            name: 'the same replicas reading only on the leader (strong consistency\'s default)',
            code: feed('', 'posts').replace('database posts { replicas 2', 'database posts { replicas 10'), errors: [{ component: 'posts', on: RING }],
        },
        {
            name: 'nine read replicas of 2k rps: just under the hottest key',
            code: feed('', 'posts').replace('database posts { replicas 2', 'database posts { replicas 9 reads any'), errors: [{ component: 'posts', on: RING }],
        },
        {
            name: 'an unpartitioned store is one shard, on its capacity',
            code: feed('', 'posts').replace(' partition hash(post_id) shards 64 consistent vnodes 256', ''), errors: [{ component: 'posts', on: 'capacity 2k rps' }],
        },
        {
            name: 'the store\'s own skewed key space under a uniform workload, on its keys',
            code: feed('', 'posts').replace(' zipf 1.2', '').replace('database posts { replicas 2 partition hash(post_id) shards 64 consistent vnodes 256', 'database posts { replicas 2 keys 10M zipf 1.2'),
            errors: [{ component: 'posts', on: 'keys 10M zipf 1.2', occurrence: 0 }],
        },
        {
            name: 'the hottest key\'s writes against one replica\'s write capacity',
            code: `system S {
  workload { rps 10k keys 1M zipf 1.1 read_ratio 0 }
  client app
  database db { replicas 3 reads any capacity 100k rps write_capacity 1k rps }
  app -> db
}`,
            errors: [{ component: 'db', on: 'capacity 100k rps' }],
        },
        {
            name: 'the hottest key over the utilisation the configuration sets',
            code: feed('', 'posts'), thresholds: { 'hot-key.utilisation': 1 }, errors: [{ component: 'posts', on: RING }],
        },
    ],
});

const metrics = (partition: string) => `system Metrics {
  workload { rps 10k read_ratio 0.2 }
  client agent
  service ingest { replicas 4 }
  database events { replicas 2 ${partition} capacity 5k rps }
  agent -> ingest -> events
}`;
const ONE_VNODE = metrics('partition hash(id) shards 16 consistent vnodes 1');
/** A monotonic range no traffic reaches: the workload's mix (20% reads) judges it. */
const RANGE_UNREACHED = 'system S {\n  workload { read_ratio 0.2 }\n  database events { partition range(created_at) shards 8 key monotonic }\n}';
/** The same range behind a client, in a workload without a rate: the store's load is 0 rps, and the workload's mix judges it. */
const RANGE_NO_RATE = 'system S {\n  workload { read_ratio 0.2 }\n  client agent\n  database events { partition range(created_at) shards 8 key monotonic }\n  agent -> events\n}';
/** A workload that only reads (read_ratio 1 by default) but a store that is only written, by its one flow. */
const RANGE_WRITTEN = 'system S {\n  workload { rps 1k }\n  client agent\n  database events { partition range(created_at) shards 8 key monotonic }\n  flow ingest write : agent -> events\n}';
/** Two shards on a ring of 32 vnodes each, under an imbalance of 0.1 (see the brute force below). */
const RING_2X32 = metrics('partition hash(id) shards 2 consistent vnodes 32');
const RING_2X1 = metrics('partition hash(id) shards 2 consistent vnodes 1');
/** 10k rps over 4 uniform keys: 2.5k rps each, on a ring of 2 shards. */
const FOUR_KEYS = (capacity: string) => `system S {\n  workload { rps 10k keys 4 }\n  client app\n  database kv { partition hash(k) shards 2 consistent vnodes 64 ${capacity} }\n  app -> kv\n}`;
const BUSY_SMALL_KEYS = `system S {
  workload { rps 40k keys 10k zipf 0.8 }
  client app
  database kv { partition hash(k) shards 4 consistent vnodes 512 capacity 10k rps }
  app -> kv
}`;

ruleTester.run('hot-shard', {
    valid: [
        { name: 'range partitioning on a random key', code: metrics('partition range(id) shards 8 key random') },
        { name: 'a monotonic key over one shard', code: metrics('partition range(created_at) shards 1 key monotonic') },
        { name: 'one shard over its capacity is capacity-exceeded\'s finding', code: metrics('partition hash(id) shards 1').replace('capacity 5k rps', 'capacity 1k rps') },
        { name: 'a consistent ring with 256 vnodes per shard', code: metrics('partition hash(id) shards 16 consistent vnodes 256') },
        {
            name: 'a ring within the imbalance the configuration allows',
            code: metrics('partition hash(id) shards 16 consistent vnodes 256'), thresholds: { 'hot-shard.imbalance': 0.25 },
        },
        // Two of the four keys on each shard (checked below): the busiest shard's 5k rps is exactly its capacity, not over it.
        { name: 'a busiest shard exactly at its capacity', code: FOUR_KEYS('capacity 5k rps') },
        { name: 'a balanced ring no traffic reaches', code: 'system S {\n  database events { partition hash(id) shards 4 consistent vnodes 256 capacity 1k rps }\n}' },
        // The busiest of 64 shards takes ≈ 19.6k rps at peak, over its 2 × 2k rps, but the hottest key alone takes ≈ 18.5k of them (1/H(10M, 1.2) of 100k).
        { name: 'a busiest shard over its capacity because of its hottest key is hot-key\'s finding', code: feed('', 'posts') },
    ],
    invalid: [
        {
            name: 'range partitioning on a monotonic key with mostly writes',
            code: metrics('partition range(created_at) shards 8 key monotonic'),
            errors: [{ component: 'events', on: 'partition range(created_at) shards 8' }],
        },
        {
            // Every write (80%) on the newer of two shards: 80% + 10% = 90%, 1.8x the mean.
            name: 'range partitioning on a monotonic key over two shards',
            code: metrics('partition range(created_at) shards 2 key monotonic'), errors: [{ component: 'events', on: 'partition range(created_at) shards 2' }],
        },
        {
            name: 'a consistent ring with one vnode per shard, fixed with more vnodes',
            code: ONE_VNODE, errors: [{ component: 'events', on: 'partition hash(id) shards 16 consistent vnodes 1' }],
            output: ONE_VNODE.replace('vnodes 1 ', 'vnodes 64 '),
        },
        {
            name: 'a ring over the imbalance the configuration allows, with no ring size that would meet it (no fix)',
            code: metrics('partition hash(id) shards 16 consistent vnodes 256'), thresholds: { 'hot-shard.imbalance': 0.01 },
            errors: [{ component: 'events', on: 'partition hash(id) shards 16 consistent vnodes 256' }],
        },
        { name: 'a monotonic range no traffic reaches', code: RANGE_UNREACHED, errors: [{ component: 'events', on: 'partition range(created_at) shards 8' }] },
        { name: 'a monotonic range in a workload without a rate', code: RANGE_NO_RATE, errors: [{ component: 'events', on: 'partition range(created_at) shards 8' }] },
        { name: 'a monotonic range that only its write flow reaches, in a workload that only reads', code: RANGE_WRITTEN, errors: [{ component: 'events', on: 'partition range(created_at) shards 8' }] },
        {
            // hash(tenant) then hash(id): no vnodes fix is offered off a single hash ring.
            name: 'a composite consistent ring of one vnode per shard (no fix)',
            code: metrics('partition hash(tenant) then hash(id) shards 16 consistent vnodes 1'),
            errors: [{ component: 'events', on: 'partition hash(tenant) then hash(id) shards 16 consistent vnodes 1' }],
        },
        {
            name: 'round robin within a consistent hash (no fix)',
            code: metrics('partition hash(tenant) then round_robin shards 16 consistent vnodes 1'),
            errors: [{ component: 'events', on: 'partition hash(tenant) then round_robin shards 16 consistent vnodes 1' }],
        },
        {
            // The hottest key's 2.5k rps is exactly the capacity (so not hot-key's alone), its shard's 5k over it.
            name: 'a busiest shard over capacity when its hottest key is exactly at it',
            code: FOUR_KEYS('capacity 2.5k rps'), errors: [{ component: 'kv', on: 'partition hash(k) shards 2 consistent vnodes 64' }],
        },
        {
            name: 'a ring of two shards whose first vnodes count under an imbalance of 0.01 is the largest proposed, 4096',
            code: RING_2X1, thresholds: { 'hot-shard.imbalance': 0.01 },
            errors: [{ component: 'events', on: 'partition hash(id) shards 2 consistent vnodes 1' }], output: RING_2X1.replace('vnodes 1 ', 'vnodes 4096 '),
        },
        {
            name: 'a ring over the imbalance whose fix raises vnodes, though fewer would do',
            code: RING_2X32, thresholds: { 'hot-shard.imbalance': 0.1 },
            errors: [{ component: 'events', on: 'partition hash(id) shards 2 consistent vnodes 32' }], output: RING_2X32.replace('vnodes 32', 'vnodes 64'),
        },
        {
            name: 'a busiest shard over capacity when its hottest key alone fits',
            code: BUSY_SMALL_KEYS, errors: [{ component: 'kv', on: 'partition hash(k) shards 4 consistent vnodes 512' }],
        },
    ],
});

describe('hot-key messages', () => {
    const messages = async (code: string) => (await lint('hot-key', code)).map((d) => d.message);
    it('give the hottest key\'s reads and writes against what serves them', async () => {
        // 10k writes/s over 1M keys at zipf 1.1: the hottest takes 1/H(1M, 1.1) ≈ 12.4%, 1.24k rps, on every replica's 1k: 124%.
        expect(await messages(`system S {
  workload { rps 10k keys 1M zipf 1.1 read_ratio 0 }
  client app
  database db { replicas 3 reads any capacity 100k rps write_capacity 1k rps }
  app -> db
}`)).toEqual([
            "db's hottest key takes 0 rps of reads at peak after the caches in front, against the 300k rps that the 3 replicas of the store (one shard) serving reads can take, " +
            'and 1.24k rps of writes against the 1k rps each replica applies: 124% of what one shard serves.',
        ]);
        expect(await messages(feed('', 'posts').replace('database posts { replicas 2', 'database posts { replicas 10'))).toEqual([
            expect.stringMatching(/ against the 2k rps that the one replica of its shard serving reads can take: \S+% of what one shard serves\.$/),
        ]);
    });
});

describe('hot-shard messages', () => {
    const messages = async (code: string, thresholds: Record<string, number> = {}) => (await lint('hot-shard', code, thresholds)).map((d) => d.message);
    it('give the busiest shard\'s share, rate and multiple of the mean, and the scheme', async () => {
        // Every write (80% of 10k rps) on the newest of 8 range shards, plus 1/8 of the reads: 80% + 2.5% = 82.5%, 8.25k rps, 6.6x the mean.
        expect(await messages(metrics('partition range(created_at) shards 8 key monotonic'))).toEqual([
            'shard 8 of 8 in events takes 82.5% of its traffic, 8.25k rps at peak, 6.6x the mean, under range(created_at) partitioning on a monotonic key.',
        ]);
        expect(await messages(ONE_VNODE)).toEqual([expect.stringMatching(/ under a consistent ring of 1 vnode per shard\.$/)]);
        expect(await messages(metrics('partition hash(id) shards 16 consistent vnodes 256'), { 'hot-shard.imbalance': 0.01 })).toEqual([expect.stringMatching(/ under a consistent ring of 256 vnodes per shard\.$/)]);
        expect(await messages(metrics('partition hash(tenant) then range(created_at) shards 8 key monotonic'))).toEqual([
            expect.stringMatching(/ under hash\(tenant\) then range\(created_at\) partitioning on a monotonic key\.$/),
        ]);
    });
    it('judge a store by its own mix of reads and writes, else the workload\'s', async () => {
        // Every write on the newest of 8 shards: 80% + 20% / 8 = 82.5% of the traffic, 6.6x the mean; no traffic, no rate at peak.
        expect(await messages(RANGE_UNREACHED)).toEqual(['shard 8 of 8 in events takes 82.5% of its traffic, 6.6x the mean, under range(created_at) partitioning on a monotonic key.']);
        expect(await messages(RANGE_NO_RATE)).toEqual(['shard 8 of 8 in events takes 82.5% of its traffic, 0 rps at peak, 6.6x the mean, under range(created_at) partitioning on a monotonic key.']);
        // Only writes reach it: all 1k rps on the newest shard, 8x the mean.
        expect(await messages(RANGE_WRITTEN)).toEqual(['shard 8 of 8 in events takes 100% of its traffic, 1k rps at peak, 8x the mean, under range(created_at) partitioning on a monotonic key.']);
    });
    it('name a scheme without a key trait', async () => {
        expect(await messages(metrics('partition list(region) shards 3'))).toEqual([expect.stringMatching(/ under list\(region\) partitioning\.$/)]);
    });
    it('fix a ring by raising vnodes to the first power of two that meets the imbalance', () => {
        // Brute force over the rings analysis/partition.ts builds (2 shards, uniform keys): the imbalance is not monotone
        // in vnodes, so 8 or 16 vnodes would meet 0.1 where 32 does not; the fix only raises, and 64 is the first above 32 that does.
        const imbalance = (vnodes: number) => {
            const shares = cachedShardShares({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 2, consistent: true, vnodes }, { rps: 10_000, peak: 1, readRatio: 0.2, zipf: 0 });
            return Math.max(...shares) * shares.length - 1;
        };
        expect(imbalance(8)).toBeLessThanOrEqual(0.1);
        expect(imbalance(16)).toBeLessThanOrEqual(0.1);
        expect(imbalance(32)).toBeGreaterThan(0.1);
        expect(imbalance(64)).toBeLessThanOrEqual(0.1);
        // RING_2X1 under 0.01: every ring of 2 to 2048 vnodes misses it, the ring of 4096 (the largest proposed) meets it.
        for (let vnodes = 2; vnodes <= 2048; vnodes *= 2) expect(imbalance(vnodes)).toBeGreaterThan(0.01);
        expect(imbalance(4096)).toBeLessThanOrEqual(0.01);
    });
    it('fix a ring whose next size meets the imbalance exactly', async () => {
        const imbalance = (vnodes: number) => {
            const shares = cachedShardShares({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 2, consistent: true, vnodes }, { rps: 10_000, peak: 1, readRatio: 0.2, zipf: 0 });
            return Math.max(...shares) * shares.length - 1;
        };
        // The threshold is the imbalance of 64 vnodes itself: 64 meets it (at most the threshold), so the fix stops there.
        const [finding] = await lint('hot-shard', RING_2X32, { 'hot-shard.imbalance': imbalance(64) });
        expect((finding.data as DiagnosticData).fixes?.map((f) => f.edits[0].newText)).toEqual(['partition hash(id) shards 2 consistent vnodes 64']);
    });
    it('report a range whose imbalance exceeds the threshold, not one that equals it', async () => {
        // The store takes all 10k rps of the workload, 20% reads: its shares are the range's own at that mix.
        const code = metrics('partition range(created_at) shards 8 key monotonic');
        const events = componentOf(await model(code), 'events', 'database');
        const shares = cachedShardShares(events.partition!, { rps: 10_000, peak: 1, readRatio: 0.2, zipf: 0 });
        const over = Math.max(...shares) * shares.length - 1;
        expect(await lint('hot-shard', code, { 'hot-shard.imbalance': over })).toEqual([]);
        expect(await lint('hot-shard', code, { 'hot-shard.imbalance': over - 0.01 })).toHaveLength(1);
    });
    it('name the first of the shards tied for the largest share', async () => {
        // Round robin deals each hash group's traffic evenly over its shards, so the shards of the busiest group tie.
        const code = metrics('partition hash(tenant) then round_robin shards 16 consistent vnodes 1');
        const m = await model(code);
        const load = analyse(m).traffic.loads.get('events')!;
        const shares = cachedShardShares(componentOf(m, 'events', 'database').partition!, { ...m.workload, zipf: 0, readRatio: load.readRps / load.rps });
        const top = Math.max(...shares);
        const first = shares.indexOf(top);
        expect(shares.lastIndexOf(top)).toBeGreaterThan(first);
        expect(await messages(code)).toEqual([expect.stringMatching(new RegExp(`^shard ${first + 1} of 16 in events takes `))]);
    });
    it('put two of the four keys on each shard of FOUR_KEYS', async () => {
        const load = analyse(await model(FOUR_KEYS('capacity 5k rps'))).traffic.loads.get('kv')!;
        expect(load.hotKeyRps).toBe(2500);
        expect(load.busiestShard?.rps).toBe(5000);
    });
    it('give a shard\'s capacity as one replica\'s times the replicas that share its load', async () => {
        const shared = BUSY_SMALL_KEYS.replace('database kv {', 'store kv { replicas 2').replace('capacity 10k rps', 'capacity 5k rps');
        expect(await messages(shared)).toEqual([expect.stringMatching(/ takes \S+ rps at peak, \S+x its capacity of 10k rps\.$/)]);
    });
});

describe('partitionText', () => {
    it('writes round robin without a key, every scheme joined by then, the directory\'s lookup and the ring', () => {
        expect(partitionText({ schemes: [{ scheme: 'hash', key: 'tenant' }, { scheme: 'round_robin' }], shards: 8, consistent: false, vnodes: 1 }))
            .toBe('partition hash(tenant) then round_robin shards 8');
        expect(partitionText({ schemes: [{ scheme: 'directory', key: 'tenant' }], via: 'lookup', shards: 4, consistent: false, vnodes: 1 }))
            .toBe('partition directory(tenant) via lookup shards 4');
        expect(partitionText({ schemes: [{ scheme: 'hash', key: 'id' }], shards: 16, consistent: true, vnodes: 64 }))
            .toBe('partition hash(id) shards 16 consistent vnodes 64');
    });
});

const users = (options: string) => `system S {\n  client app\n  database users { replicas 2 partition hash(user_id) shards 16${options} }\n  app -> users\n}`;

ruleTester.run('modulo-resharding', {
    valid: [
        { name: 'consistent hashing', code: users(' consistent vnodes 64') },
        { name: 'a range scheme', code: users('').replace('hash(user_id)', 'range(user_id)') },
        { name: 'one shard: nothing to move', code: users('').replace('shards 16', 'shards 1') },
    ],
    invalid: [
        {
            name: 'two shards already move a third of the keys, fixed with a consistent ring',
            code: users('').replace('shards 16', 'shards 2'), errors: [{ component: 'users', on: 'partition hash(user_id) shards 2' }], output: users(' consistent vnodes 128').replace('shards 16', 'shards 2'),
        },
        {
            name: 'hash mod N, fixed with a consistent ring',
            code: users(''), errors: [{ component: 'users', on: 'partition hash(user_id) shards 16' }], output: users(' consistent vnodes 128'),
        },
    ],
});

const entries = (scheme: string, access = 'read') => `system S {
  workload { rps 1k }
  client app
  database entries { replicas 2 partition ${scheme} shards 8 }
  flow f ${access} : app -> entries
}`;

ruleTester.run('scatter-gather', {
    valid: [
        { name: 'a write-only store', code: entries('round_robin', 'write') },
        { name: 'partitioning by key', code: entries('range(id)') },
        { name: 'a write-only workload without a rate', code: 'system S {\n  workload { read_ratio 0 }\n  database entries { partition round_robin shards 8 }\n}' },
    ],
    invalid: [
        { name: 'round robin within each hash group', code: entries('hash(tenant) then round_robin'), errors: [{ component: 'entries', on: 'partition hash(tenant) then round_robin shards 8' }] },
        { name: 'round robin on a store that is read', code: entries('round_robin'), errors: [{ component: 'entries', on: 'partition round_robin shards 8' }] },
        {
            name: 'round robin on a store of a workload that reads, without a rate',
            code: 'system S {\n  database entries { partition round_robin shards 8 }\n}', errors: [{ component: 'entries', on: 'partition round_robin shards 8' }],
        },
    ],
});

const shop = (property: string, partitioned: boolean) => `system S {
  client shop
  database orders { replicas 2 ${partitioned ? 'partition hash(id) shards 8 consistent vnodes 128 ' : ''}${property} [customers] }
  database customers { replicas 2 }
  shop -> orders
  shop -> customers
}`;

// The two rules are one check over two properties: each table is the other's mirror.
for (const [rule, property, other] of [['cross-shard-join', 'joins', 'references'], ['cross-shard-reference', 'references', 'joins']] as const) {
    ruleTester.run(rule, {
        valid: [
            { name: `${property} between unpartitioned stores`, code: shop(property, false) },
            { name: `${other} (not ${property}) involving a partitioned store`, code: shop(other, true) },
        ],
        invalid: [
            { name: `${property} from a partitioned store`, code: shop(property, true), errors: [{ component: 'orders', on: `${property} [customers]` }] },
            {
                name: `${property} into a partitioned store from an unpartitioned one`,
                code: `system S {\n  database a { ${property} [b] }\n  database b { partition hash(k) shards 4 consistent vnodes 64 }\n}`,
                errors: [{ component: 'a', on: `${property} [b]` }],
            },
        ],
    });
}

const events = (indexes: string, ratio: string) => `system S {\n  database events { write_ratio ${ratio} indexes [${indexes}] }\n}`;

ruleTester.run('index-write-heavy', {
    valid: [
        { name: 'three indexes on a write-heavy store', code: events('a, b, c', '0.8') },
        { name: 'four indexes on a read-heavy store', code: events('a, b, c, d', '0.3') },
        { name: 'four indexes on a store that writes exactly half the time', code: events('a, b, c, d', '0.5') },
        { name: 'a read-heavy traffic mix where no write_ratio is declared', code: 'system S {\n  workload { rps 1k read_ratio 0.9 }\n  client c\n  database events { indexes [a, b, c, d] }\n  c -> events\n}' },
        { name: 'a store no traffic reaches and no write_ratio', code: 'system S {\n  database events { indexes [a, b, c, d] }\n}' },
        { name: 'as many indexes as the configuration allows', code: events('a, b, c, d, e', '0.8'), thresholds: { 'index-write-heavy.maxIndexes': 5 } },
        { name: 'a write ratio the configuration allows', code: events('a, b, c, d', '0.8'), thresholds: { 'index-write-heavy.writeRatio': 0.9 } },
    ],
    invalid: [
        { name: 'more than three indexes on a write-heavy store', code: events('a, b, c, d', '0.8'), errors: [{ component: 'events', on: 'indexes [a, b, c, d]' }] },
        {
            name: 'more indexes and writes than the configuration allows',
            code: events('a, b', '0.3'), thresholds: { 'index-write-heavy.maxIndexes': 1, 'index-write-heavy.writeRatio': 0.2 },
            errors: [{ component: 'events', on: 'indexes [a, b]' }],
        },
        {
            name: 'the traffic mix where no write_ratio is declared',
            code: 'system S {\n  workload { rps 1k read_ratio 0.1 }\n  client c\n  database events { indexes [a, b, c, d] }\n  c -> events\n}',
            errors: [{ component: 'events', on: 'indexes [a, b, c, d]' }],
        },
    ],
});

ruleTester.run('acid-on-nosql', {
    valid: [
        { name: 'relational', code: 'system S { database carts { model relational acid on } }' },
        { name: 'acid off', code: 'system S { database carts { model document acid off } }' },
        { name: 'acid on where no data model is declared', code: 'system S { database carts { acid on } }' },
    ],
    invalid: [
        { name: 'acid on a document store', code: 'system S {\n  database carts { model document acid on }\n}', errors: [{ component: 'carts', on: 'acid on' }] },
    ],
});

ruleTester.run('cap-conflict', {
    valid: [
        { name: 'sync replication across zones', code: 'system S { zone us { } zone eu { } database a { consistency strong replicas 3 sync zones [us, eu] } }' },
        { name: 'async replication in one zone', code: 'system S { zone us { database a { consistency strong replicas 3 async } } }' },
        { name: 'eventual consistency across zones', code: 'system S { zone us { } zone eu { } database a { consistency eventual replicas 3 async zones [us, eu] } }' },
        { name: 'strong consistency by default, not claimed', code: 'system S { zone us { } zone eu { } database a { replicas 3 async zones [us, eu] } }' },
        {
            name: 'an active-active balancer within one zone',
            code: 'system S { client app zone us { service api { replicas 2 } } loadbalancer lb { mode active_active zones [us] } database d { consistency strong } app -> lb -> api -> d }',
        },
        {
            name: 'an active-active balancer across zones that does not reach the store',
            code: 'system S { client app zone us { service a } zone eu { service b } loadbalancer lb { mode active_active zones [us, eu] } database d { consistency strong } app -> lb -> a lb -> b app -> d }',
        },
    ],
    invalid: [
        {
            name: 'strong consistency with async replication across zones',
            code: 'system S {\n  zone us { }\n  zone eu { }\n  database accounts { consistency strong replicas 3 async zones [us, eu] }\n}',
            errors: [{ component: 'accounts', on: 'consistency strong' }],
        },
        {
            name: 'strong consistency behind an active-active balancer across zones',
            code: `system S {
  client app
  zone us { service api_us { replicas 2 } }
  zone eu { service api_eu { replicas 2 } }
  loadbalancer lb { mode active_active replicas 2 zones [us, eu] }
  database accounts { consistency strong replicas 3 sync }
  app -> lb -> api_us -> accounts
  lb -> api_eu -> accounts
}`,
            errors: [{ component: 'accounts', on: 'consistency strong' }],
        },
    ],
});
