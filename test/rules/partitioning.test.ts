import { describe, expect, it } from 'vitest';
import { at, findings, fixed } from './helpers.js';
import { parse } from '../helpers.js';
import { runRules } from '../../language-server/rules/run-rules.js';
import { hotKey } from '../../language-server/rules/hot-key.js';
import { hotShard } from '../../language-server/rules/hot-shard.js';

const feed = (front: string, path: string) => `system Feed {
  workload { rps 50k peak 2x keys 10M zipf 1.2 }
  client app
  service api { replicas 10 capacity 20k rps }
  ${front}
  database posts { replicas 2 partition hash(post_id) shards 64 consistent vnodes 256 capacity 2k rps }
  app -> api -> ${path}
}`;

describe('hot-key', () => {
    it('reports the hottest key overflowing one shard, on the partition', async () => {
        const text = feed('', 'posts');
        expect(await findings(text, 'hot-key')).toEqual([at('hot-key', 'posts', text, 'partition hash(post_id) shards 64 consistent vnodes 256')]);
    });

    it('near miss: a cache in front serves the hottest key\'s reads', async () => {
        expect(await findings(feed('cache post_cache { capacity 1M items replicas 3 }', 'post_cache -> posts'), 'hot-key')).toEqual([]);
    });

    it('near miss: writes of the hottest key still reach the store, but within one shard', async () => {
        const text = feed('cache post_cache { capacity 1M items replicas 3 }', 'post_cache -> posts').replace('zipf 1.2 }', 'zipf 1.2 read_ratio 0.99 }');
        expect(await findings(text, 'hot-key')).toEqual([]);
    });

    it('takes its threshold from the configuration', async () => {
        const { models } = await parse(feed('', 'posts'));
        const found = (limit: number) => runRules(models, { rules: {}, thresholds: { 'hot-key.utilisation': limit } }, [hotKey]);
        expect(found(1)).toHaveLength(1);
        expect(found(100)).toHaveLength(0);
    });
});

describe('hot-shard', () => {
    const metrics = (partition: string) => `system Metrics {
  workload { rps 10k read_ratio 0.2 }
  client agent
  service ingest { replicas 4 }
  database events { replicas 2 ${partition} capacity 5k rps }
  agent -> ingest -> events
}`;

    it('reports range partitioning on a monotonic key with mostly writes', async () => {
        const text = metrics('partition range(created_at) shards 8 key monotonic');
        expect(await findings(text, 'hot-shard')).toEqual([at('hot-shard', 'events', text, 'partition range(created_at) shards 8')]);
    });

    it('near miss: a random key', async () => {
        expect(await findings(metrics('partition range(id) shards 8 key random'), 'hot-shard')).toEqual([]);
    });

    it('reports a consistent ring with one vnode per shard and fixes it with more vnodes', async () => {
        const text = metrics('partition hash(id) shards 16 consistent vnodes 1');
        expect(await findings(text, 'hot-shard')).toEqual([at('hot-shard', 'events', text, 'partition hash(id) shards 16 consistent vnodes 1')]);
        const after = await fixed(text, 'hot-shard');
        expect(after).toMatch(/partition hash\(id\) shards 16 consistent vnodes (\d+)/);
        expect(await findings(after, 'hot-shard')).toEqual([]);
    });

    it('takes its imbalance threshold from the configuration', async () => {
        const { models } = await parse(metrics('partition hash(id) shards 16 consistent vnodes 256'));
        const found = (imbalance: number) => runRules(models, { rules: {}, thresholds: { 'hot-shard.imbalance': imbalance } }, [hotShard]);
        expect(found(0.01)).toHaveLength(1);
        expect(found(0.25)).toHaveLength(0);
    });

    it('near miss: the same ring with 256 vnodes per shard', async () => {
        expect(await findings(metrics('partition hash(id) shards 16 consistent vnodes 256'), 'hot-shard')).toEqual([]);
    });

    it('reports a busiest shard over capacity when its hottest key alone fits', async () => {
        const text = `system S {
  workload { rps 40k keys 10k zipf 0.8 }
  client app
  database kv { partition hash(k) shards 4 consistent vnodes 512 capacity 10k rps }
  app -> kv
}`;
        expect(await findings(text, 'hot-shard')).toEqual([at('hot-shard', 'kv', text, 'partition hash(k) shards 4 consistent vnodes 512')]);
    });
});

describe('modulo-resharding', () => {
    const text = (options: string) => `system S {\n  client app\n  database users { replicas 2 partition hash(user_id) shards 16${options} }\n  app -> users\n}`;

    it('reports hash mod N and fixes it with a consistent ring', async () => {
        const t = text('');
        expect(await findings(t, 'modulo-resharding')).toEqual([at('modulo-resharding', 'users', t, 'partition hash(user_id) shards 16')]);
        const after = await fixed(t, 'modulo-resharding');
        expect(after).toContain('partition hash(user_id) shards 16 consistent vnodes 128 }');
        expect(await findings(after, 'modulo-resharding')).toEqual([]);
    });

    it('near miss: consistent hashing, or a range scheme', async () => {
        expect(await findings(text(' consistent vnodes 64'), 'modulo-resharding')).toEqual([]);
        expect(await findings(text('').replace('hash(user_id)', 'range(user_id)'), 'modulo-resharding')).toEqual([]);
    });
});

describe('scatter-gather', () => {
    const text = (scheme: string, access = 'read') => `system S {
  workload { rps 1k }
  client app
  database entries { replicas 2 partition ${scheme} shards 8 }
  flow f ${access} : app -> entries
}`;

    it('reports round robin on a store that is read', async () => {
        const t = text('round_robin');
        expect(await findings(t, 'scatter-gather')).toEqual([at('scatter-gather', 'entries', t, 'partition round_robin shards 8')]);
    });

    it('near miss: a write-only store, or partitioning by key', async () => {
        expect(await findings(text('round_robin', 'write'), 'scatter-gather')).toEqual([]);
        expect(await findings(text('range(id)'), 'scatter-gather')).toEqual([]);
    });
});

describe('cross-shard-join and cross-shard-reference', () => {
    const text = (property: string, partitioned: boolean) => `system S {
  client shop
  database orders { replicas 2 ${partitioned ? 'partition hash(id) shards 8 consistent vnodes 128 ' : ''}${property} [customers] }
  database customers { replicas 2 }
  shop -> orders
  shop -> customers
}`;

    it.each(['joins', 'references'])('reports %s involving a partitioned store', async (property) => {
        const rule = property === 'joins' ? 'cross-shard-join' : 'cross-shard-reference';
        const t = text(property, true);
        expect(await findings(t, rule)).toEqual([at(rule, 'orders', t, `${property} [customers]`)]);
    });

    it.each(['joins', 'references'])('near miss: %s between unpartitioned stores', async (property) => {
        const rule = property === 'joins' ? 'cross-shard-join' : 'cross-shard-reference';
        expect(await findings(text(property, false), rule)).toEqual([]);
    });

    it('reports a join into a partitioned store from an unpartitioned one', async () => {
        const t = 'system S {\n  database a { joins [b] }\n  database b { partition hash(k) shards 4 consistent vnodes 64 }\n}';
        expect(await findings(t, 'cross-shard-join')).toEqual([at('cross-shard-join', 'a', t, 'joins [b]')]);
    });
});

describe('index-write-heavy', () => {
    const text = (indexes: string, ratio: string) => `system S {\n  database events { write_ratio ${ratio} indexes [${indexes}] }\n}`;

    it('reports more than three indexes on a write-heavy store', async () => {
        const t = text('a, b, c, d', '0.8');
        expect(await findings(t, 'index-write-heavy')).toEqual([at('index-write-heavy', 'events', t, 'indexes [a, b, c, d]')]);
    });

    it('near miss: three indexes, or a read-heavy store', async () => {
        expect(await findings(text('a, b, c', '0.8'), 'index-write-heavy')).toEqual([]);
        expect(await findings(text('a, b, c, d', '0.3'), 'index-write-heavy')).toEqual([]);
    });

    it('uses the traffic mix where no write_ratio is declared', async () => {
        const t = 'system S {\n  workload { rps 1k read_ratio 0.1 }\n  client c\n  database events { indexes [a, b, c, d] }\n  c -> events\n}';
        expect(await findings(t, 'index-write-heavy')).toEqual([at('index-write-heavy', 'events', t, 'indexes [a, b, c, d]')]);
    });
});

describe('acid-on-nosql', () => {
    it('reports acid on a document store', async () => {
        const t = 'system S {\n  database carts { model document acid on }\n}';
        expect(await findings(t, 'acid-on-nosql')).toEqual([at('acid-on-nosql', 'carts', t, 'acid on')]);
    });

    it('near miss: relational, or acid off', async () => {
        expect(await findings('system S { database carts { model relational acid on } }', 'acid-on-nosql')).toEqual([]);
        expect(await findings('system S { database carts { model document acid off } }', 'acid-on-nosql')).toEqual([]);
    });
});

describe('cap-conflict', () => {
    it('reports strong consistency with async replication across zones', async () => {
        const t = 'system S {\n  zone us { }\n  zone eu { }\n  database accounts { consistency strong replicas 3 async zones [us, eu] }\n}';
        expect(await findings(t, 'cap-conflict')).toEqual([at('cap-conflict', 'accounts', t, 'consistency strong')]);
    });

    it('reports strong consistency behind an active-active balancer across zones', async () => {
        const t = `system S {
  client app
  zone us { service api_us { replicas 2 } }
  zone eu { service api_eu { replicas 2 } }
  loadbalancer lb { mode active_active replicas 2 zones [us, eu] }
  database accounts { consistency strong replicas 3 sync }
  app -> lb -> api_us -> accounts
  lb -> api_eu -> accounts
}`;
        expect(await findings(t, 'cap-conflict')).toEqual([at('cap-conflict', 'accounts', t, 'consistency strong')]);
    });

    it('near miss: sync replication, one zone, or eventual consistency', async () => {
        expect(await findings('system S { zone us { } zone eu { } database a { consistency strong replicas 3 sync zones [us, eu] } }', 'cap-conflict')).toEqual([]);
        expect(await findings('system S { zone us { database a { consistency strong replicas 3 async } } }', 'cap-conflict')).toEqual([]);
        expect(await findings('system S { zone us { } zone eu { } database a { consistency eventual replicas 3 async zones [us, eu] } }', 'cap-conflict')).toEqual([]);
    });
});
