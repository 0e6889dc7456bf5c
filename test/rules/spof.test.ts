import { describe, expect, it } from 'vitest';
import { at, findings, fixed } from './helpers.js';

describe('spof', () => {
    it('reports a single replica every flow needs, on its replicas property', async () => {
        const text = `system S {
  client web
  loadbalancer gateway { replicas 2 health_check every 5s }
  service api { replicas 1 capacity 1k rps }
  flow redirect : web -> gateway -> api
}`;
        expect(await findings(text, 'spof')).toEqual([at('spof', 'api', text, 'replicas 1')]);
    });

    it('reports on the name when replicas is not written', async () => {
        const text = 'system S {\n  client web\n  service api\n  web -> api\n}';
        expect(await findings(text, 'spof')).toEqual([at('spof', 'api', text, 'api')]);
    });

    it('near miss: the lone replica is bypassed by a second entry point', async () => {
        const text = `system S {
  client web
  service api_a { replicas 1 }
  service api_b { replicas 1 }
  database db { replicas 2 }
  web -> api_a -> db
  web -> api_b -> db
}`;
        expect(await findings(text, 'spof')).toEqual([]);
    });

    it('near miss: a single-replica client, and a component declared but on no path', async () => {
        expect(await findings('system S { client web service api { replicas 2 } service spare web -> api }', 'spof')).toEqual([]);
    });

    it('reports the consumer of an async branch, not the request that enqueues', async () => {
        const text = `system S {
  client web
  service api { replicas 2 }
  queue jobs { replicas 2 retries 3 dead_letter dlq }
  queue dlq
  worker runner { consumes jobs }
  web -> api -> jobs
}`;
        expect(await findings(text, 'spof')).toEqual([at('spof', 'runner', text, 'runner')]);
    });

    it('fix: replicas 1 becomes replicas 2, keeping the replication mode', async () => {
        const text = 'system S {\n  client web\n  database db { replicas 1 async }\n  web -> db\n}';
        const after = await fixed(text, 'spof');
        expect(after).toContain('database db { replicas 2 async }');
        expect(await findings(after, 'spof')).toEqual([]);
    });

    it.each([
        ['a bare component', 'system S {\n  client web\n  service api\n  web -> api\n}', 'service api { replicas 2 }'],
        ['an empty block', 'system S {\n  client web\n  service api {}\n  web -> api\n}', 'service api { replicas 2 }'],
        ['a title and a block', 'system S {\n  client web\n  service api "The API" { }\n  web -> api\n}', 'service api "The API" { replicas 2 }'],
        ['a title only', 'system S {\n  client web\n  service api "The API"\n  web -> api\n}', 'service api "The API" { replicas 2 }'],
        ['a one-line block', 'system S {\n  client web\n  service api { latency 2ms }\n  web -> api\n}', 'service api { replicas 2 latency 2ms }'],
        ['a multi-line block', 'system S {\n  client web\n  service api {\n    latency 2ms\n  }\n  web -> api\n}', 'service api {\n    replicas 2\n    latency 2ms\n  }'],
    ])('fix inserts replicas 2 into %s', async (_name, text, expected) => {
        const after = await fixed(text, 'spof');
        expect(after).toContain(expected);
        expect(await findings(after, 'spof')).toEqual([]);
    });
});

describe('zone-spof', () => {
    const text = (lbZones: string) => `system S {
  zone a { }
  zone b { }
  client web
  loadbalancer lb { replicas 2 zones [${lbZones}] health_check every 5s }
  service api { replicas 4 zones [a, b] }
  web -> lb -> api
}`;

    it('reports where every path enters the one zone holding all replicas', async () => {
        const t = text('a');
        expect(await findings(t, 'zone-spof')).toEqual([at('zone-spof', 'lb', t, 'zones [a]')]);
    });

    it('near miss: replicas spread over both zones', async () => {
        expect(await findings(text('a, b'), 'zone-spof')).toEqual([]);
    });

    it('reports a flow whose only path crosses the one zone of the model, on its name', async () => {
        const t = 'system S {\n  client web\n  zone only {\n    service api { replicas 3 }\n  }\n  web -> api\n}';
        expect(await findings(t, 'zone-spof')).toEqual([at('zone-spof', 'api', t, 'api')]);
    });

    it('near miss: a single replica is spof\'s finding, not this rule\'s', async () => {
        const t = 'system S {\n  client web\n  zone only { service api }\n  web -> api\n}';
        expect(await findings(t, 'zone-spof')).toEqual([]);
        expect(await findings(t, 'spof')).toHaveLength(1);
    });

    it('near miss: an alternative path in another zone', async () => {
        const t = `system S {
  client web
  zone a { service x { replicas 2 } }
  zone b { service y { replicas 2 } }
  web -> x
  web -> y
}`;
        expect(await findings(t, 'zone-spof')).toEqual([]);
    });
});

describe('shared-dependency-spof', () => {
    it('reports a directory service with one replica, and spof leaves it alone', async () => {
        const text = `system S {
  client app
  service dir { replicas 1 }
  database photos { replicas 2 partition directory(id) via dir shards 8 }
  app -> photos
}`;
        expect(await findings(text, 'shared-dependency-spof')).toEqual([at('shared-dependency-spof', 'dir', text, 'replicas 1')]);
        expect(await findings(text, 'spof')).toEqual([]);
    });

    it('reports a global cache with one replica even off the flows', async () => {
        const text = 'system S {\n  client app\n  service api { replicas 2 }\n  cache sessions { placement global }\n  app -> api -> sessions\n}';
        expect(await findings(text, 'shared-dependency-spof')).toEqual([at('shared-dependency-spof', 'sessions', text, 'sessions')]);
    });

    it('reports a balancer that every flow passes', async () => {
        const text = `system S {
  client app
  loadbalancer gateway { health_check every 5s }
  service a { replicas 2 }
  service b { replicas 2 }
  flow redirect : app -> gateway -> a
  flow shorten : app -> gateway -> b
}`;
        expect(await findings(text, 'shared-dependency-spof')).toEqual([at('shared-dependency-spof', 'gateway', text, 'gateway')]);
    });

    it('near miss: a balancer only one of two flows needs is spof\'s finding', async () => {
        const text = `system S {
  client app
  loadbalancer gateway { health_check every 5s }
  service a { replicas 2 }
  flow redirect : app -> gateway -> a
  flow direct : app -> a
}`;
        expect(await findings(text, 'shared-dependency-spof')).toEqual([]);
        expect(await findings(text, 'spof')).toEqual([at('spof', 'gateway', text, 'gateway')]);
    });

    it('near miss: a global cache with two replicas', async () => {
        expect(await findings('system S { client app cache c { placement global replicas 2 } app -> c }', 'shared-dependency-spof')).toEqual([]);
    });

    it('fix: replicas 2', async () => {
        const text = 'system S {\n  client app\n  cache sessions { placement global }\n  app -> sessions\n}';
        const after = await fixed(text, 'shared-dependency-spof');
        expect(after).toContain('cache sessions { replicas 2 placement global }');
        expect(await findings(after, 'shared-dependency-spof')).toEqual([]);
    });
});
