/** The diagram of a v2 model: annotated calls labelled `×10`, `5%`, `read`; who takes a replicated store's writes as a chip; v2 facts in the hover card. */
import { afterAll, describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import { createDiagram } from '../../language-server/diagram/diagram.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';

const runner = createNodeLayoutRunner();
afterAll(() => runner.dispose());

const FEED = `system Feed {
  workload { rps 1k }
  client app
  service api { idempotent on }
  service fan_out
  service timelines
  cache graph_cache { coalesce on keys 20M zipf 1.1 }
  database users { replicas 3 sync 1 failover 30s reads followers replication_lag 200ms write_capacity 1k rps }
  database ledger { replicas 2 leader multi }
  database scylla { replicas 3 leader none }
  store blobs { replicas 3 immutable on }
  app -> api : https
  api -> users [5%] : sql
  fan_out -> timelines [x10]
  flow post 50% write : app -> api -> { fan_out -> timelines, graph_cache [read] -> users, blobs }
  flow audit 50% : app -> api -> { ledger [x2], scylla }
}
`;

describe('diagram of a v2 model', async () => {
    const m = await model(FEED);
    const full = await createDiagram(m, { direction: 'right', theme: 'light', detail: 'full', legend: true }, runner);
    const compact = await createDiagram(m, { direction: 'right', theme: 'light', detail: 'compact' }, runner);
    const edge = (layout: typeof full.layout, id: string) => layout.edges.find((e) => e.id === id)!;
    const node = (name: string) => full.layout.nodes.find((n) => n.name === name)!;

    it('labels annotated calls, declared or written on a flow step, after the protocol', () => {
        expect(edge(full.layout, 'api->users').label?.text).toBe('sql 5%');
        expect(edge(full.layout, 'fan_out->timelines').label?.text).toBe('×10');
        expect(edge(full.layout, 'api->graph_cache').label?.text).toBe('read');
        expect(edge(full.layout, 'api->ledger')).toMatchObject({ call: '×2', label: { text: '×2' } });
        expect(edge(full.layout, 'api->blobs').label).toBeUndefined();
        expect(full.svg).toContain('>×10<');
    });

    it('keeps annotations, not protocols, on compact cards', () => {
        expect(edge(compact.layout, 'api->users').label?.text).toBe('5%');
        expect(edge(compact.layout, 'app->api').label).toBeUndefined();
    });

    it('shows who takes the writes of a replicated store, and nothing for one that says no leader but a database', () => {
        expect(node('users').leader).toBe('leader + 2 followers');
        expect(node('ledger').leader).toBe('2 leaders');
        expect(node('scylla').leader).toBe('leaderless');
        expect(node('blobs').leader).toBeUndefined();
        expect(node('api').leader).toBeUndefined();
        expect(full.svg).toContain('>leader + 2 followers<');
        expect(full.svg).toContain('who takes the writes');
    });

    it('lists the v2 facts in the hover card', () => {
        const details = (name: string) => Object.fromEntries(node(name).details.map((d) => [d.label, d.value]));
        expect(details('users')).toMatchObject({
            leader: 'single, failover in 30 s', 'sync followers': '1 of 2', reads: 'followers', 'replication lag': '200 ms', 'write capacity': '1k rps per replica',
        });
        expect(details('ledger')).toMatchObject({ leader: 'multi' });
        expect(details('ledger')).not.toHaveProperty('reads');
        expect(details('graph_cache')).toMatchObject({ keys: '20M, zipf 1.1', 'coalesces misses': 'yes' });
        expect(details('blobs')).toMatchObject({ immutable: 'yes: items never change' });
        expect(details('api')).toMatchObject({ idempotent: 'yes' });
    });
});
