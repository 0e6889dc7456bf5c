import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from '../helpers.js';
import { span } from './helpers.js';
import { spof } from '../../language-server/rules/spof.js';

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

describe('a rule that crashes', () => {
    afterEach(() => {
        vi.restoreAllMocks();
    });

    const TEXT = 'system Shop {\n  client web\n  service api\n  service spare\n  database db\n  web -> api -> db\n}\n';

    it('becomes exactly one internal-error finding on its system, and the other rules still report', async () => {
        vi.spyOn(spof, 'check').mockImplementation(() => {
            throw new Error('boom');
        });
        const { diagnostics } = await parse(TEXT);
        const crashes = diagnostics.filter((d) => d.code === 'internal-error');
        expect(crashes.map((d) => ({ severity: d.severity, range: d.range }))).toEqual([{ severity: 1, range: span(TEXT, 'Shop') }]);
        expect(diagnostics.map((d) => d.code)).not.toContain('spof');
        expect(diagnostics.map((d) => d.code)).toContain('unreachable');
    });

    it('that reports before it crashes keeps those findings, still with one internal-error', async () => {
        vi.spyOn(spof, 'check').mockImplementation(({ model, report }) => {
            report({ message: 'first', location: model.components.get('api')!.source, component: 'api' });
            throw new Error('boom');
        });
        const { diagnostics } = await parse(TEXT);
        expect(diagnostics.filter((d) => d.code === 'internal-error')).toHaveLength(1);
        expect(diagnostics.filter((d) => d.code === 'spof').map((d) => d.range)).toEqual([span(TEXT, 'api')]);
    });
});

describe('one mistake, one error, in the design rules', () => {
    const codes = async (text: string) => (await parse(text)).diagnostics.map((d) => `${d.code} ${(d.data as { component?: string } | undefined)?.component ?? ''}`.trim()).sort();
    const SYSTEM = (db: string) => `system S {
  workload { rps 1k read_ratio 0.9 }
  client app
  service api { capacity 5k rps }
  database db {
    ${db}
  }
  app -> api -> db
}`;

    it('drops a design finding on text that has a language error: it judges the default the broken text reads as', async () => {
        // Without its value, `leader` reads as a single leader: manual-failover would point at the broken line.
        expect(await codes(SYSTEM('replicas 2 sync\n    leader'))).toEqual(['invalid-value', 'spof api']);
    });

    it('keeps the findings elsewhere, on the same component too', async () => {
        expect(await codes(SYSTEM('replicas 2 async durability critical\n    leader'))).toEqual(['failover-data-loss db', 'invalid-value', 'spof api']);
        expect(await codes(SYSTEM('replicas 2 sync\n    leader single'))).toEqual(['manual-failover db', 'spof api']);
    });
});
