import { describe, expect, it } from 'vitest';
import { lint, ruleTester } from './rule-tester.js';

/** A client -> api -> cache -> store chain with the given cache and store properties. */
const chain = (cache: string, store: string, workload = 'rps 1k keys 1M zipf 1.0') => `system S {
  workload { ${workload} }
  client app
  service api { replicas 2 }
  cache kv { ${cache} }
  database db { replicas 2 ${store} }
  app -> api -> kv -> db
}`;

const BACK_CRITICAL = chain('write write_back capacity 1M items', 'durability critical');
const BACK_ACID_TWO_CACHES = `system S {
  client app
  cache l1 { write write_back }
  cache l2 { }
  database db { acid on }
  app -> l1 -> l2 -> db
}`;

ruleTester.run('cache-write-back-durability', {
    valid: [
        { name: 'a store with normal durability', code: chain('write write_back', 'durability normal') },
        { name: 'write_through in front of a critical store', code: chain('write write_through', 'durability critical') },
    ],
    invalid: [
        {
            name: 'write_back in front of a critical store, fixed to write_through',
            code: BACK_CRITICAL, errors: [{ component: 'kv', on: 'write write_back' }], output: BACK_CRITICAL.replace('write_back', 'write_through'),
        },
        {
            name: 'write_back in front of an acid store through a second cache',
            code: BACK_ACID_TWO_CACHES, errors: [{ component: 'l1', on: 'write write_back' }], output: BACK_ACID_TWO_CACHES.replace('write_back', 'write_through'),
        },
    ],
});

const THROUGH_WRITE_HEAVY = chain('write write_through capacity 100k items', '', 'rps 5k read_ratio 0.2 keys 1M zipf 1.0');

ruleTester.run('cache-write-through-write-heavy', {
    valid: [
        { name: 'mostly reads', code: chain('write write_through', '', 'rps 5k read_ratio 0.9') },
        { name: 'write_around where most traffic writes', code: chain('write write_around capacity 100k items', '', 'rps 5k read_ratio 0.2 keys 1M zipf 1.0') },
        { name: 'writes just under half the traffic', code: chain('write write_through', '', 'rps 5k read_ratio 0.51') },
        { name: 'a write share under the one the configuration sets', code: THROUGH_WRITE_HEAVY, thresholds: { 'cache-write-through-write-heavy.writeShare': 0.9 } },
    ],
    invalid: [
        {
            name: 'write_through where most traffic writes, fixed to write_around',
            code: THROUGH_WRITE_HEAVY, errors: [{ component: 'kv', on: 'write write_through' }],
            output: THROUGH_WRITE_HEAVY.replace('write_through', 'write_around'),
        },
        {
            name: 'writes exactly half the traffic',
            code: chain('write write_through', '', 'rps 5k read_ratio 0.5'), errors: [{ component: 'kv', on: 'write write_through' }],
            output: chain('write write_around', '', 'rps 5k read_ratio 0.5'),
        },
        {
            name: 'a write share over the one the configuration sets',
            code: chain('write write_through', '', 'rps 5k read_ratio 0.9'), thresholds: { 'cache-write-through-write-heavy.writeShare': 0.1 },
            errors: [{ component: 'kv', on: 'write write_through' }], output: chain('write write_around', '', 'rps 5k read_ratio 0.9'),
        },
    ],
});

const AROUND_DEFAULT = chain('capacity 1M items', 'read_after_write on');
const flows = (upload: string) => `system S {
  client app
  service api { replicas 2 }
  cache kv { write write_around }
  database db { replicas 2 }
  ${upload}
}`;
const READ_AFTER_WRITE_FLOWS = flows('flow upload 10% write : app -> api -> kv -> db\n  flow view read : app -> api -> kv -> db');

ruleTester.run('cache-write-around-read-after-write', {
    valid: [
        { name: 'reads declared before writes', code: flows('flow view 90% read : app -> api -> kv -> db\n  flow upload write : app -> api -> kv -> db') },
        { name: 'a write flow that bypasses the cache', code: flows('flow upload 10% write : app -> api -> db\n  flow view read : app -> api -> kv -> db') },
        { name: 'write_through in front of a read_after_write store', code: chain('write write_through capacity 1M items', 'read_after_write on') },
        { name: 'an immutable store declaring read_after_write: each item misses once', code: chain('capacity 1M items', 'immutable on read_after_write on') },
        { name: 'a read flow after a write flow in front of an immutable store', code: READ_AFTER_WRITE_FLOWS.replace('database db { replicas 2 }', 'database db { replicas 2 immutable on }') },
        { name: 'a write flow that only reads the cache ([read]) before a read flow', code: flows('flow upload 10% write : app -> api -> { kv [read] -> db, db }\n  flow view read : app -> api -> kv -> db') },
    ],
    invalid: [
        {
            name: 'write_around (the default) in front of a read_after_write store, on the name',
            code: AROUND_DEFAULT, errors: [{ component: 'kv', on: 'kv' }],
            output: AROUND_DEFAULT.replace('cache kv { capacity', 'cache kv { write write_through capacity'),
        },
        {
            name: 'a read flow declared after a write flow through the cache',
            code: READ_AFTER_WRITE_FLOWS, errors: [{ component: 'kv', on: 'write write_around' }],
            output: READ_AFTER_WRITE_FLOWS.replace('write write_around', 'write write_through'),
        },
    ],
});

const MRU = chain('eviction mru capacity 50k items', '');
const FIFO_SMALL = chain('eviction fifo capacity 100 items', '', 'rps 1k keys 100k zipf 1.2');
const FIFO_NEAR_LRU = chain('eviction fifo capacity 10k items', '', 'rps 1k keys 10M zipf 0.9');
const LFU_WRITES = chain('eviction lfu capacity 100k items', '', 'rps 1k keys 1M zipf 1.0 read_ratio 0.7');
const MRU_UNREACHED = 'system S {\n  workload { keys 1M zipf 1.0 }\n  cache kv { eviction mru capacity 50k items }\n}';
/** FIFO_SMALL's cache as a caching proxy in front of the service. */
const FIFO_PROXY = `system S {
  workload { rps 1k keys 100k zipf 1.2 }
  client app
  proxy kv { eviction fifo capacity 100 items }
  service api { replicas 2 }
  app -> kv -> api
}`;

ruleTester.run('cache-eviction-mismatch', {
    valid: [
        { name: 'fifo on a cache that holds the key space', code: chain('eviction fifo capacity 2M items', '') },
        { name: 'fifo within five points of lru', code: FIFO_NEAR_LRU },
        { name: 'fifo within the gain the configuration asks for', code: FIFO_NEAR_LRU, thresholds: { 'cache-eviction-mismatch.gain': 0.05 } },
        { name: 'mru on uniform keys', code: chain('eviction mru capacity 50k items', '', 'rps 1k keys 1M') },
        { name: 'lfu on reads only', code: chain('eviction lfu capacity 100k items', '') },
        { name: 'lru under a zipf workload', code: chain('eviction lru capacity 50k items', '') },
        { name: 'lfu with fewer writes than the configuration minds', code: LFU_WRITES, thresholds: { 'cache-eviction-mismatch.lfuWriteShare': 0.5 } },
        { name: 'random where lru gains little', code: chain('eviction random capacity 2M items', '') },
        { name: 'mru on a cache that sees only writes', code: stepped('eviction mru capacity 50k items', 'kv -> db') },
        { name: 'mru on a store\'s own uniform keys', code: chain('eviction mru capacity 50k items', 'keys 1M') },
        // A cache holding every key misses only each key's first read, whatever it evicts: lru gains exactly 0, not more than 0.
        { name: 'fifo on a cache that holds the key space, under a gain of 0', code: chain('eviction fifo capacity 2M items', ''), thresholds: { 'cache-eviction-mismatch.gain': 0 } },
        // Uniform keys, C = 50 of K = 100: lru hits C/K = 50%, mru 1/K + (1 − 1/K)(C − 1)/K = 50% − 0.49 points; mru is judged on skew, not on the gain.
        { name: 'mru on uniform keys where lru would gain more than the configuration\'s gain', code: chain('eviction mru capacity 50 items', '', 'rps 1k keys 100'), thresholds: { 'cache-eviction-mismatch.gain': 0.001 } },
        // read_ratio 0.7: 30% of the traffic writes, over lfuWriteShare's 10%, which judges lfu only.
        { name: 'fifo within five points of lru where 30% of the traffic writes', code: FIFO_NEAR_LRU.replace('zipf 0.9', 'zipf 0.9 read_ratio 0.7') },
    ],
    invalid: [
        {
            name: 'mru under a zipf workload, fixed to lru',
            code: MRU, errors: [{ component: 'kv', on: 'eviction mru' }], output: MRU.replace('eviction mru', 'eviction lru'),
        },
        {
            name: 'fifo where lru gains more than five points (a small cache under strong skew)',
            code: FIFO_SMALL, errors: [{ component: 'kv', on: 'eviction fifo' }], output: FIFO_SMALL.replace('eviction fifo', 'eviction lru'),
        },
        {
            name: 'fifo where lru gains more than the configuration\'s gain',
            code: FIFO_NEAR_LRU, thresholds: { 'cache-eviction-mismatch.gain': 0.01 },
            errors: [{ component: 'kv', on: 'eviction fifo' }], output: FIFO_NEAR_LRU.replace('eviction fifo', 'eviction lru'),
        },
        {
            name: 'lifo under a zipf workload',
            code: chain('eviction lifo capacity 50k items', ''), errors: [{ component: 'kv', on: 'eviction lifo' }], output: chain('eviction lru capacity 50k items', ''),
        },
        {
            name: 'random where lru gains more than five points',
            code: FIFO_SMALL.replace('fifo', 'random'), errors: [{ component: 'kv', on: 'eviction random' }], output: FIFO_SMALL.replace('eviction fifo', 'eviction lru'),
        },
        {
            name: 'lfu with writes the configuration minds',
            code: chain('eviction lfu capacity 100k items', '', 'rps 1k keys 1M zipf 1.0 read_ratio 0.95'), thresholds: { 'cache-eviction-mismatch.lfuWriteShare': 0.05 },
            errors: [{ component: 'kv', on: 'eviction lfu' }], output: chain('eviction lru capacity 100k items', '', 'rps 1k keys 1M zipf 1.0 read_ratio 0.95'),
        },
        {
            name: 'lfu where a share of traffic writes new items',
            code: LFU_WRITES, errors: [{ component: 'kv', on: 'eviction lfu' }], output: LFU_WRITES.replace('eviction lfu', 'eviction lru'),
        },
        { name: 'mru under zipf keys on a cache no traffic reaches', code: MRU_UNREACHED, errors: [{ component: 'kv', on: 'eviction mru' }], output: MRU_UNREACHED.replace('eviction mru', 'eviction lru') },
        {
            name: 'mru under zipf keys in a workload without a rate',
            code: chain('eviction mru capacity 50k items', '', 'keys 1M zipf 1.0'), errors: [{ component: 'kv', on: 'eviction mru' }],
            output: chain('eviction lru capacity 50k items', '', 'keys 1M zipf 1.0'),
        },
        { name: 'fifo on a caching proxy where lru gains more than five points', code: FIFO_PROXY, errors: [{ component: 'kv', on: 'eviction fifo' }], output: FIFO_PROXY.replace('eviction fifo', 'eviction lru') },
    ],
});

const UNREACHED_SMALL = 'system S {\n  workload { keys 100M zipf 0.6 }\n  cache kv { capacity 10k items }\n}';
/** 10k reads/s through kv to two stores: big takes its misses easily, small (200 rps) needs 1 − 200/10k = 98% of them to hit. */
const TWO_STORES = `system S {
  workload { rps 10k keys 1M zipf 1.0 }
  client app
  service api { replicas 2 }
  cache kv { capacity 100k items }
  database big { replicas 2 capacity 100k rps }
  database small { replicas 1 capacity 200 rps }
  app -> api -> kv
  kv -> big
  kv -> small
}`;
const WRITES_OVERLOAD = `system S {
  workload { rps 10k keys 1M zipf 1.0 read_ratio 0.9 }
  client app
  service api { replicas 2 }
  cache kv { capacity 100k items }
  database db { replicas 1 capacity 500 rps }
  app -> api -> kv -> db
}`;
const TTL_PROXY = 'system S {\n  workload { rps 100 keys 1M zipf 0.5 }\n  client app\n  proxy kv { capacity 2M items ttl 10s }\n  service api { replicas 2 }\n  app -> kv -> api\n}';
/** One key read once a second, living 1s: x = ttl × rate = 1, so it hits x / (1 + x) = 50%; without the ttl, 100%. */
const ONE_KEY_TTL = chain('capacity 2 items ttl 1s', '', 'rps 1 keys 1');

ruleTester.run('cache-undersized', {
    valid: [
        { name: 'sized for the hot set', code: chain('capacity 50M items', '', 'rps 2k keys 100M zipf 0.6') },
        { name: 'unbounded', code: chain('ttl 1h', '', 'rps 2k keys 100M zipf 0.6') },
        { name: 'a hit rate the store behind can live with', code: chain('capacity 100k items', 'capacity 5k rps', 'rps 10k keys 1M zipf 1.0') },
        { name: 'any hit rate, when the configuration sets no minimum', code: chain('capacity 10k items', '', 'rps 2k keys 100M zipf 0.6'), thresholds: { 'cache-undersized.minHitRate': 0 } },
        { name: 'a cache that sees only writes', code: stepped('capacity 10k items', 'kv -> db') },
        { name: 'a [read] lookup inside a write flow, on a cache sized for the hot set', code: stepped('capacity 50M items', 'kv [read] -> db') },
        { name: 'a cache no traffic reaches, holding every key', code: 'system S {\n  workload { keys 1M zipf 1.0 }\n  cache kv { capacity 2M items }\n}' },
        { name: 'a cache and the store behind it that no traffic reaches, holding every key', code: 'system S {\n  workload { keys 1M zipf 1.0 }\n  cache kv { capacity 2M items }\n  database db { }\n  kv -> db\n}' },
        // Without a rate nothing reads it, and write_around invalidates what writes touch: it hits exactly 0, which is not under 0.
        { name: 'a hit rate of 0 under a minimum of 0', code: chain('capacity 10k items', '', 'read_ratio 0 keys 100M zipf 0.6'), thresholds: { 'cache-undersized.minHitRate': 0 } },
        // db takes 1k writes/s (10% of 10k) against 500 rps: over its capacity at any hit rate, so no hit rate is the cache's bar.
        { name: 'a store its writes alone overload', code: WRITES_OVERLOAD },
    ],
    invalid: [
        {
            name: 'a predicted hit rate below 50%, on the capacity',
            code: chain('capacity 10k items', '', 'rps 2k keys 100M zipf 0.6'), errors: [{ component: 'kv', on: 'capacity 10k items' }],
        },
        {
            name: 'a hit rate the store behind cannot live with',
            code: chain('capacity 100k items', 'capacity 200 rps', 'rps 10k keys 1M zipf 1.0'), errors: [{ component: 'kv', on: 'capacity 100k items' }],
        },
        {
            name: 'a capacity given as size / item, on the size',
            code: chain('size 10MB item 1KB', '', 'rps 2k keys 100M zipf 0.6'), errors: [{ component: 'kv', on: 'size 10MB' }],
        },
        {
            name: 'a hit rate under the minimum the configuration sets',
            code: chain('capacity 50M items', '', 'rps 2k keys 100M zipf 0.6'), thresholds: { 'cache-undersized.minHitRate': 0.99 },
            errors: [{ component: 'kv', on: 'capacity 50M items' }],
        },
        { name: 'without a rate, a cache too small for its keys is still judged', code: chain('capacity 10k items', '', 'keys 100M zipf 0.6'), errors: [{ component: 'kv', on: 'capacity 10k items' }] },
        { name: 'a [read] lookup inside a write flow is a read the cache must serve', code: stepped('capacity 10k items', 'kv [read] -> db'), errors: [{ component: 'kv', on: 'capacity 10k items' }] },
        {
            // 100 reads/s over 1M keys: a key is read again after hours, so a 10s ttl expires nearly every entry; without it the cache holds every key.
            name: 'a hit rate held down by the ttl, not the size, on the ttl',
            code: chain('capacity 2M items ttl 10s', '', 'rps 100 keys 1M zipf 0.5'), errors: [{ component: 'kv', on: 'ttl 10s' }],
        },
        { name: 'a cache no traffic reaches is judged on its keys', code: UNREACHED_SMALL, errors: [{ component: 'kv', on: 'capacity 10k items' }] },
        { name: 'a cache no traffic reaches, with a ttl (which expires nothing without a rate)', code: UNREACHED_SMALL.replace('10k items', '10k items ttl 10s'), errors: [{ component: 'kv', on: 'capacity 10k items' }] },
        { name: 'the second of two stores behind the cache needs more hits', code: TWO_STORES, errors: [{ component: 'kv', on: 'capacity 100k items' }] },
        {
            name: 'a size too small for the hot set with a ttl too: on the capacity',
            code: chain('capacity 10k items ttl 1h', '', 'rps 2k keys 100M zipf 0.6'), errors: [{ component: 'kv', on: 'capacity 10k items' }],
        },
        { name: 'a caching proxy held down by its ttl, on the ttl', code: TTL_PROXY, errors: [{ component: 'kv', on: 'ttl 10s' }] },
        {
            name: 'one key, a bar of 100% that only the ttl keeps it from, on the ttl',
            code: ONE_KEY_TTL, thresholds: { 'cache-undersized.minHitRate': 1 }, errors: [{ component: 'kv', on: 'ttl 1s' }],
        },
    ],
});

describe('cache-eviction-mismatch messages', () => {
    const messages = async (code: string) => (await lint('cache-eviction-mismatch', code)).map((d) => d.message);
    it('give the policy, the skew and both hit rates, and the share of writes under lfu', async () => {
        expect(await messages(MRU)).toEqual([
            expect.stringMatching(/^kv evicts by mru under zipf 1 keys, where the recently used keys are the ones read again: it would hit \d+(\.\d+)?% where LRU hits \d+(\.\d+)?%\.$/),
        ]);
        expect(await messages(FIFO_SMALL)).toEqual([expect.stringMatching(/^kv evicts by fifo: it would hit \d+(\.\d+)?% where LRU hits \d+(\.\d+)?%\.$/)]);
        // read_ratio 0.7: 30% of the cache's traffic writes.
        expect(await messages(LFU_WRITES)).toEqual(['kv evicts by lfu while 30% of its traffic writes new items, so old counts keep yesterday\'s popular entries in.']);
    });
    it('leave the hit rates out when lru would hit no more', async () => {
        // 2M items hold all 1M keys: mru and lru both miss only first reads.
        expect(await messages(chain('eviction mru capacity 2M items', ''))).toEqual(['kv evicts by mru under zipf 1 keys, where the recently used keys are the ones read again.']);
    });
});

describe('cache-undersized messages', () => {
    const messages = async (code: string, thresholds: Record<string, number> = {}) => (await lint('cache-undersized', code, thresholds)).map((d) => d.message);
    it('name the size, the key space and the bar missed', async () => {
        expect(await messages(chain('capacity 10k items', '', 'rps 2k keys 100M zipf 0.6'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(10k items for 100M keys at zipf 0\.6\), below 50%\.$/),
        ]);
        // One replica of db takes 200 of the 10k reads/s: the cache must hit 1 − 200/10k = 98%.
        expect(await messages(chain('capacity 100k items', 'capacity 200 rps', 'rps 10k keys 1M zipf 1.0').replace('db { replicas 2', 'db { replicas 1'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(100k items for 1M keys at zipf 1\), below the 98% that db needs to stay under its capacity\.$/),
        ]);
        expect(await messages(chain('capacity 10k items', '', 'rps 2k keys 100M'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(10k items for 100M keys\), below 50%\.$/),
        ]);
        // The store's own 100M keys at zipf 0.6, not the workload's 1M at zipf 1.
        expect(await messages(chain('capacity 10k items', 'keys 100M zipf 0.6', 'rps 2k keys 1M zipf 1.0'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(10k items for 100M keys at zipf 0\.6\), below 50%\.$/),
        ]);
        expect(await messages(chain('capacity 10k items', '', 'rps 2k'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(10k items for the key space\), below 50%\.$/),
        ]);
        // A ttl, but 10k items of 100M keys miss the bar without it too: the size is named.
        expect(await messages(chain('capacity 10k items ttl 1h', '', 'rps 2k keys 100M zipf 0.6'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads \(10k items for 100M keys at zipf 0\.6\), below 50%\.$/),
        ]);
    });
    it('blame the ttl when the size alone would hit the bar, and name a longer ttl that does', async () => {
        // 2M items hold all 1M keys: without the ttl every read after the first hits.
        expect(await messages(chain('capacity 2M items ttl 10s', '', 'rps 100 keys 1M zipf 0.5'))).toEqual([
            expect.stringMatching(/^kv is predicted to hit \d+(\.\d+)?% of reads, below 50%: its ttl of 10s expires entries before they are read again, not its size \(2M items for 1M keys at zipf 0\.5 would hit 100% without it\); a ttl of \S+ would reach 50%\.$/),
        ]);
        // Uniform keys held whole, each read at r/K = 1/1M per second: a ttl of t hits x / (1 + x) with x = t/1M s.
        // 180h: x = 0.648, 39.3%; doubled to 360h: 1.296, 56.4%; to 720h (30 days, the longest proposed): 2.592, 72.2% ≥ 70%.
        expect(await messages(chain('capacity 2M items ttl 180h', '', 'rps 1 keys 1M'), { 'cache-undersized.minHitRate': 0.7 })).toEqual([
            'kv is predicted to hit 39.3% of reads, below 70%: its ttl of 180h expires entries before they are read again, not its size (2M items for 1M keys would hit 100% without it); a ttl of 720h would reach 70%.',
        ]);
        // One key at 1 read/s: any ttl t hits t / (1 + t) < 100%, so no ttl reaches the bar; without the ttl, exactly 100%.
        expect(await messages(ONE_KEY_TTL, { 'cache-undersized.minHitRate': 1 })).toEqual([
            'kv is predicted to hit 50% of reads, below 100%: its ttl of 1s expires entries before they are read again, not its size (2 items for 1 keys would hit 100% without it); a longer ttl would reach 100%.',
        ]);
    });
});

/** A write flow through api that also calls the cache as `step` says. */
function stepped(cache: string, step: string): string {
    return `system S {
  workload { rps 2k keys 100M zipf 0.6 }
  client app
  service api { replicas 2 }
  cache kv { ${cache} }
  database db { replicas 2 }
  flow save 100% write : app -> api -> ${step}
}`;
}

const web = (algorithm: string, placement = 'app_server') => `system Web {
  workload { rps 5k keys 10M zipf 0.9 }
  client browser
  loadbalancer lb { ${algorithm}replicas 2 health_check every 5s }
  service app { replicas 8 }
  cache sessions { placement ${placement} capacity 1M items replicas 8 }
  database users { replicas 2 }
  browser -> lb -> app -> sessions -> users
}`;

const twoCopies = (algorithm: string, placement = 'app_server') => web(algorithm, placement).replace('service app { replicas 8 }', 'service app { replicas 2 }').replace(' replicas 8 }', ' }');

ruleTester.run('cache-local-behind-random-lb', {
    valid: [
        { name: 'ip_hash', code: web('algorithm ip_hash ') },
        { name: 'least_connections with a distributed cache', code: web('algorithm least_connections ', 'distributed') },
        { name: 'a cache that holds every key', code: web('').replace('keys 10M', 'keys 100k') },
        { name: 'a distributed cache behind round robin', code: web('', 'distributed') },
        { name: 'an app_server cache behind least_connections', code: web('algorithm least_connections ') },
        { name: 'an app_server cache with no balancer in front', code: web('').replace('browser -> lb -> app', 'browser -> app') },
    ],
    invalid: [
        {
            name: 'an app_server cache behind round robin (the default algorithm)',
            code: web(''), errors: [{ component: 'sessions', on: 'placement app_server' }],
            output: [web('algorithm ip_hash '), web('', 'distributed')],
        },
        {
            name: 'an app_server cache behind random, fixed by ip_hash on the balancer or a distributed placement',
            code: web('algorithm random '), errors: [{ component: 'sessions', on: 'placement app_server' }],
            output: [web('algorithm ip_hash '), web('algorithm random ', 'distributed')],
        },
        {
            name: 'two replicas already split the keys\' reads',
            code: web('').replace('service app { replicas 8 }', 'service app { replicas 2 }'), errors: [{ component: 'sessions', on: 'placement app_server' }],
            output: [web('algorithm ip_hash ').replace('service app { replicas 8 }', 'service app { replicas 2 }'), web('', 'distributed').replace('service app { replicas 8 }', 'service app { replicas 2 }')],
        },
        {
            // The cache's own replicas no longer count: the tier's 2 are the copies, each holding every key.
            name: 'two replicas of the tier and of the cache',
            code: twoCopies(''), errors: [{ component: 'sessions', on: 'placement app_server' }],
            output: [twoCopies('algorithm ip_hash '), twoCopies('', 'distributed')],
        },
    ],
});

describe('cache-local-behind-random-lb message', () => {
    it('names the tier, its replicas, the balancer and both hit rates', async () => {
        expect((await lint('cache-local-behind-random-lb', web(''))).map((d) => d.message)).toEqual([
            expect.stringMatching(/^sessions is an app_server cache on app's 8 replicas behind lb's round_robin balancer, so every replica caches every key and it hits \d+(\.\d+)?% where ip_hash would give \d+(\.\d+)?%\.$/),
        ]);
    });
});

const TTL_ONLY = chain('invalidation ttl_only ttl 60s', 'consistency strong');
const NONE_DEFAULT_STRONG = chain('invalidation none', '');

ruleTester.run('cache-stale-read', {
    valid: [
        { name: 'an eventually consistent store', code: chain('invalidation ttl_only', 'consistency eventual') },
        { name: 'on_write invalidation in front of a strong store', code: chain('invalidation on_write ttl 60s', 'consistency strong') },
        { name: 'items that never change cannot go stale', code: chain('invalidation ttl_only', 'immutable on') },
    ],
    invalid: [
        {
            name: 'ttl_only invalidation in front of a strongly consistent store, fixed to on_write',
            code: TTL_ONLY, errors: [{ component: 'kv', on: 'invalidation ttl_only' }], output: TTL_ONLY.replace('ttl_only', 'on_write'),
        },
        {
            name: 'an undeclared consistency is strong (the default)',
            code: NONE_DEFAULT_STRONG, errors: [{ component: 'kv', on: 'invalidation none' }], output: NONE_DEFAULT_STRONG.replace('invalidation none', 'invalidation on_write'),
        },
    ],
});
