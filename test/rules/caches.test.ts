import { describe, expect, it } from 'vitest';
import { at, findings, fixed } from './helpers.js';
import { parse } from '../helpers.js';
import { runRules } from '../../language-server/rules/run-rules.js';
import { cacheEvictionMismatch } from '../../language-server/rules/cache-eviction-mismatch.js';

/** A client -> api -> cache -> store chain with the given cache and store properties. */
const chain = (cache: string, store: string, workload = 'rps 1k keys 1M zipf 1.0') => `system S {
  workload { ${workload} }
  client app
  service api { replicas 2 }
  cache kv { ${cache} }
  database db { replicas 2 ${store} }
  app -> api -> kv -> db
}`;

describe('cache-write-back-durability', () => {
    it('reports write_back in front of a critical store, and fixes it to write_through', async () => {
        const text = chain('write write_back capacity 1M items', 'durability critical');
        expect(await findings(text, 'cache-write-back-durability')).toEqual([at('cache-write-back-durability', 'kv', text, 'write write_back')]);
        const after = await fixed(text, 'cache-write-back-durability');
        expect(after).toContain('cache kv { write write_through capacity 1M items }');
        expect(await findings(after, 'cache-write-back-durability')).toEqual([]);
    });

    it('reports write_back in front of an acid store through a second cache', async () => {
        const text = `system S {
  client app
  cache l1 { write write_back }
  cache l2 { }
  database db { acid on }
  app -> l1 -> l2 -> db
}`;
        expect(await findings(text, 'cache-write-back-durability')).toEqual([at('cache-write-back-durability', 'l1', text, 'write write_back')]);
    });

    it('near miss: a store with normal durability', async () => {
        expect(await findings(chain('write write_back', 'durability normal'), 'cache-write-back-durability')).toEqual([]);
    });
});

describe('cache-write-through-write-heavy', () => {
    it('reports write_through where most traffic writes, and fixes it to write_around', async () => {
        const text = chain('write write_through capacity 100k items', '', 'rps 5k read_ratio 0.2 keys 1M zipf 1.0');
        expect(await findings(text, 'cache-write-through-write-heavy')).toEqual([at('cache-write-through-write-heavy', 'kv', text, 'write write_through')]);
        const after = await fixed(text, 'cache-write-through-write-heavy');
        expect(after).toContain('write write_around');
        expect(await findings(after, 'cache-write-through-write-heavy')).toEqual([]);
    });

    it('near miss: mostly reads', async () => {
        expect(await findings(chain('write write_through', '', 'rps 5k read_ratio 0.9'), 'cache-write-through-write-heavy')).toEqual([]);
    });
});

describe('cache-write-around-read-after-write', () => {
    it('reports write_around (the default) in front of a read_after_write store, on the name', async () => {
        const text = chain('capacity 1M items', 'read_after_write on');
        expect(await findings(text, 'cache-write-around-read-after-write')).toEqual([at('cache-write-around-read-after-write', 'kv', text, 'kv')]);
        const after = await fixed(text, 'cache-write-around-read-after-write');
        expect(after).toContain('cache kv { write write_through capacity 1M items }');
        expect(await findings(after, 'cache-write-around-read-after-write')).toEqual([]);
    });

    it('reports a read flow declared after a write flow through the cache', async () => {
        const text = `system S {
  client app
  service api { replicas 2 }
  cache kv { write write_around }
  database db { replicas 2 }
  flow upload 10% write : app -> api -> kv -> db
  flow view read : app -> api -> kv -> db
}`;
        expect(await findings(text, 'cache-write-around-read-after-write')).toEqual([at('cache-write-around-read-after-write', 'kv', text, 'write write_around')]);
    });

    it('near miss: reads declared before writes, or a write flow that bypasses the cache', async () => {
        const text = (upload: string) => `system S {
  client app
  service api { replicas 2 }
  cache kv { write write_around }
  database db { replicas 2 }
  ${upload}
}`;
        expect(await findings(text('flow view 90% read : app -> api -> kv -> db\n  flow upload write : app -> api -> kv -> db'), 'cache-write-around-read-after-write')).toEqual([]);
        expect(await findings(text('flow upload 10% write : app -> api -> db\n  flow view read : app -> api -> kv -> db'), 'cache-write-around-read-after-write')).toEqual([]);
    });
});

describe('cache-eviction-mismatch', () => {
    it('reports mru under a zipf workload, and fixes it to lru', async () => {
        const text = chain('eviction mru capacity 50k items', '');
        expect(await findings(text, 'cache-eviction-mismatch')).toEqual([at('cache-eviction-mismatch', 'kv', text, 'eviction mru')]);
        const after = await fixed(text, 'cache-eviction-mismatch');
        expect(after).toContain('eviction lru capacity 50k items');
        expect(await findings(after, 'cache-eviction-mismatch')).toEqual([]);
    });

    it('reports fifo where lru gains more than five points (a small cache under strong skew)', async () => {
        const text = chain('eviction fifo capacity 100 items', '', 'rps 1k keys 100k zipf 1.2');
        expect(await findings(text, 'cache-eviction-mismatch')).toEqual([at('cache-eviction-mismatch', 'kv', text, 'eviction fifo')]);
    });

    it('near miss: fifo within five points of lru, fifo on a cache that holds the key space, or mru on uniform keys', async () => {
        expect(await findings(chain('eviction fifo capacity 2M items', ''), 'cache-eviction-mismatch')).toEqual([]);
        expect(await findings(chain('eviction fifo capacity 10k items', '', 'rps 1k keys 10M zipf 0.9'), 'cache-eviction-mismatch')).toEqual([]);
        expect(await findings(chain('eviction mru capacity 50k items', '', 'rps 1k keys 1M'), 'cache-eviction-mismatch')).toEqual([]);
    });

    it('takes the hit-rate gain that matters from the configuration', async () => {
        const { models } = await parse(chain('eviction fifo capacity 10k items', '', 'rps 1k keys 10M zipf 0.9'));
        const found = (gain: number) => runRules(models, { rules: {}, thresholds: { 'cache-eviction-mismatch.gain': gain } }, [cacheEvictionMismatch]);
        expect(found(0.01)).toHaveLength(1);
        expect(found(0.05)).toHaveLength(0);
    });

    it('reports lfu where a share of traffic writes new items, but not on reads only', async () => {
        const text = chain('eviction lfu capacity 100k items', '', 'rps 1k keys 1M zipf 1.0 read_ratio 0.7');
        expect(await findings(text, 'cache-eviction-mismatch')).toEqual([at('cache-eviction-mismatch', 'kv', text, 'eviction lfu')]);
        expect(await findings(chain('eviction lfu capacity 100k items', ''), 'cache-eviction-mismatch')).toEqual([]);
    });
});

describe('cache-undersized', () => {
    it('reports a predicted hit rate below 50%, on the capacity', async () => {
        const text = chain('capacity 10k items', '', 'rps 2k keys 100M zipf 0.6');
        expect(await findings(text, 'cache-undersized')).toEqual([at('cache-undersized', 'kv', text, 'capacity 10k items')]);
    });

    it('reports a hit rate the store behind cannot live with', async () => {
        const text = chain('capacity 100k items', 'capacity 200 rps', 'rps 10k keys 1M zipf 1.0');
        expect(await findings(text, 'cache-undersized')).toEqual([at('cache-undersized', 'kv', text, 'capacity 100k items')]);
        expect(await findings(chain('capacity 100k items', 'capacity 5k rps', 'rps 10k keys 1M zipf 1.0'), 'cache-undersized')).toEqual([]);
    });

    it('near miss: sized for the hot set, or unbounded', async () => {
        expect(await findings(chain('capacity 50M items', '', 'rps 2k keys 100M zipf 0.6'), 'cache-undersized')).toEqual([]);
        expect(await findings(chain('ttl 1h', '', 'rps 2k keys 100M zipf 0.6'), 'cache-undersized')).toEqual([]);
    });

    it('reads a capacity given as size / item', async () => {
        const text = chain('size 10MB item 1KB', '', 'rps 2k keys 100M zipf 0.6');
        expect(await findings(text, 'cache-undersized')).toEqual([at('cache-undersized', 'kv', text, 'size 10MB')]);
    });
});

describe('cache-local-behind-random-lb', () => {
    const web = (algorithm: string, placement = 'app_server') => `system Web {
  workload { rps 5k keys 10M zipf 0.9 }
  client browser
  loadbalancer lb { ${algorithm}replicas 2 health_check every 5s }
  service app { replicas 8 }
  cache sessions { placement ${placement} capacity 1M items replicas 8 }
  database users { replicas 2 }
  browser -> lb -> app -> sessions -> users
}`;

    it('reports an app_server cache behind round robin (the default algorithm)', async () => {
        const text = web('');
        expect(await findings(text, 'cache-local-behind-random-lb')).toEqual([at('cache-local-behind-random-lb', 'sessions', text, 'placement app_server')]);
    });

    it('offers ip_hash on the balancer and distributed placement on the cache', async () => {
        const text = web('algorithm random ');
        const hashed = await fixed(text, 'cache-local-behind-random-lb', 0);
        expect(hashed).toContain('loadbalancer lb { algorithm ip_hash replicas 2');
        expect(await findings(hashed, 'cache-local-behind-random-lb')).toEqual([]);
        const distributed = await fixed(text, 'cache-local-behind-random-lb', 1);
        expect(distributed).toContain('cache sessions { placement distributed');
        expect(await findings(distributed, 'cache-local-behind-random-lb')).toEqual([]);
    });

    it('near miss: ip_hash, least_connections with a distributed cache, or a cache that holds every key', async () => {
        expect(await findings(web('algorithm ip_hash '), 'cache-local-behind-random-lb')).toEqual([]);
        expect(await findings(web('algorithm least_connections ', 'distributed'), 'cache-local-behind-random-lb')).toEqual([]);
        expect(await findings(web('').replace('keys 10M', 'keys 100k'), 'cache-local-behind-random-lb')).toEqual([]);
    });
});

describe('cache-stale-read', () => {
    it('reports ttl_only invalidation in front of a strongly consistent store, and fixes it', async () => {
        const text = chain('invalidation ttl_only ttl 60s', 'consistency strong');
        expect(await findings(text, 'cache-stale-read')).toEqual([at('cache-stale-read', 'kv', text, 'invalidation ttl_only')]);
        const after = await fixed(text, 'cache-stale-read');
        expect(after).toContain('invalidation on_write ttl 60s');
        expect(await findings(after, 'cache-stale-read')).toEqual([]);
    });

    it('treats an undeclared consistency as strong (the default)', async () => {
        const text = chain('invalidation none', '');
        expect(await findings(text, 'cache-stale-read')).toEqual([at('cache-stale-read', 'kv', text, 'invalidation none')]);
    });

    it('near miss: an eventually consistent store', async () => {
        expect(await findings(chain('invalidation ttl_only', 'consistency eventual'), 'cache-stale-read')).toEqual([]);
    });
});
