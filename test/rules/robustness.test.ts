import { describe, expect, it } from 'vitest';
import { parse } from '../helpers.js';

describe('the design rules on absurd models', () => {
    it.each([
        ['huge numbers', `system S {
  workload { rps 1e15 peak 1000x keys 1e15 zipf 5 }
  client c { rps 1e15 }
  cache kv { capacity 1e15 items ttl 1e9s eviction fifo placement app_server }
  database d { partition hash(k) shards 1000000 consistent vnodes 1000000 capacity 1 rps replicas 1000000 }
  queue q { retries 100 }
  worker w { consumes q capacity 1e15 rps }
  c -> kv -> d
  c -> q
}`],
        ['zero capacity and zero rates', `system S {
  workload { rps 0 read_ratio 0 }
  client c
  service a { capacity 0 rps }
  database d { partition range(t) shards 1 key monotonic capacity 0 rps }
  c -> a -> d
}`],
        ['self-loops, cycles and cyclic flows', `system S {
  client c
  loadbalancer lb
  service a
  queue q
  worker w { consumes q }
  c -> lb -> a -> lb
  a -> a
  a -> q
  w -> q
  flow f : c -> lb -> a -> lb -> a
}`],
    ])('%s: no rule crashes', async (_name, text) => {
        const { diagnostics } = await parse(text);
        expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
    });
});
