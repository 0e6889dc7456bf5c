import { describe, expect, it } from 'vitest';
import { lint, ruleTester } from './rule-tester.js';

const GATEWAY = `system S {
  client web
  loadbalancer gateway { replicas 2 health_check every 5s }
  service api { replicas 1 capacity 1k rps }
  flow redirect : web -> gateway -> api
}`;
const BARE = 'system S {\n  client web\n  service api\n  web -> api\n}';
const ASYNC = `system S {
  client web
  service api { replicas 2 }
  queue jobs { replicas 2 retries 3 dead_letter dlq }
  queue dlq
  worker runner { consumes jobs }
  web -> api -> jobs
}`;
const ONE_ZONE_ONE_REPLICA = 'system S {\n  client web\n  zone only { service api }\n  web -> api\n}';
const DIRECTORY = `system S {
  client app
  service dir { replicas 1 }
  database photos { replicas 2 partition directory(id) via dir shards 8 }
  app -> photos
}`;
const HALF_SHARED_GATEWAY = `system S {
  client app
  loadbalancer gateway { health_check every 5s }
  service a { replicas 2 }
  flow redirect : app -> gateway -> a
  flow direct : app -> a
}`;
const GLOBAL_CACHE = 'system S {\n  client app\n  service api { replicas 2 }\n  cache sessions { placement global }\n  app -> api -> sessions\n}';

/** A block shape the spof fix must insert `replicas 2` into: the component line before and after. */
const BLOCKS = [
    ['a bare component', 'service api', 'service api { replicas 2 }'],
    ['an empty block', 'service api {}', 'service api { replicas 2 }'],
    ['a title and a block', 'service api "The API" { }', 'service api "The API" { replicas 2 }'],
    ['a title only', 'service api "The API"', 'service api "The API" { replicas 2 }'],
    ['a one-line block', 'service api { latency 2ms }', 'service api { replicas 2 latency 2ms }'],
    ['a multi-line block', 'service api {\n    latency 2ms\n  }', 'service api {\n    replicas 2\n    latency 2ms\n  }'],
] as const;
const inBlock = (line: string) => `system S {\n  client web\n  ${line}\n  web -> api\n}`;

ruleTester.run('spof', {
    valid: [
        { name: 'two replicas of what every flow needs', code: GATEWAY.replace('replicas 1', 'replicas 2') },
        {
            name: 'the lone replica is bypassed by a second entry point',
            code: `system S {
  client web
  service api_a { replicas 1 }
  service api_b { replicas 1 }
  database db { replicas 2 }
  web -> api_a -> db
  web -> api_b -> db
}`,
        },
        { name: 'a single-replica client, and a component declared but on no path', code: 'system S { client web service api { replicas 2 } service spare web -> api }' },
        { name: 'a directory service with one replica is shared-dependency-spof\'s finding', code: DIRECTORY },
        { name: 'a global cache with one replica is shared-dependency-spof\'s finding', code: GLOBAL_CACHE },
        {
            name: 'an app_server cache lives in each replica of its tier',
            code: 'system S {\n  client app\n  service api { replicas 3 }\n  cache local { placement app_server }\n  database db { replicas 2 }\n  app -> api -> local -> db\n}',
        },
    ],
    invalid: [
        {
            name: 'a single replica every flow needs, on its replicas property',
            code: GATEWAY, errors: [{ component: 'api', on: 'replicas 1' }], output: GATEWAY.replace('replicas 1', 'replicas 2'),
        },
        {
            name: 'on the name when replicas is not written',
            code: BARE, errors: [{ component: 'api', on: 'api' }], output: BARE.replace('service api', 'service api { replicas 2 }'),
        },
        {
            name: 'the consumer of an async branch, not the request that enqueues',
            code: ASYNC, errors: [{ component: 'runner', on: 'runner' }], output: ASYNC.replace('{ consumes jobs }', '{ replicas 2 consumes jobs }'),
        },
        {
            name: 'the fix keeps the replication mode',
            code: 'system S {\n  client web\n  database db { replicas 1 async }\n  web -> db\n}',
            errors: [{ component: 'db', on: 'replicas 1 async' }],
            output: 'system S {\n  client web\n  database db { replicas 2 async }\n  web -> db\n}',
        },
        ...BLOCKS.map(([shape, before, after]) => ({
            name: `the fix inserts replicas 2 into ${shape}`,
            code: inBlock(before), errors: [{ component: 'api', on: 'api' }], output: inBlock(after),
        })),
        {
            name: 'a single replica in the only zone',
            code: ONE_ZONE_ONE_REPLICA, errors: [{ component: 'api', on: 'api' }], output: ONE_ZONE_ONE_REPLICA.replace('service api', 'service api { replicas 2 }'),
        },
        {
            name: 'a balancer that only one of two flows needs',
            code: HALF_SHARED_GATEWAY, errors: [{ component: 'gateway', on: 'gateway' }],
            output: HALF_SHARED_GATEWAY.replace('{ health_check', '{ replicas 2 health_check'),
        },
    ],
});

const zones = (lbZones: string) => `system S {
  zone a { }
  zone b { }
  client web
  loadbalancer lb { replicas 2 zones [${lbZones}] health_check every 5s }
  service api { replicas 4 zones [a, b] }
  web -> lb -> api
}`;

ruleTester.run('zone-spof', {
    valid: [
        { name: 'replicas spread over both zones', code: zones('a, b') },
        { name: 'a single replica is spof\'s finding, not this rule\'s', code: ONE_ZONE_ONE_REPLICA },
        {
            name: 'an alternative path in another zone',
            code: `system S {
  client web
  zone a { service x { replicas 2 } }
  zone b { service y { replicas 2 } }
  web -> x
  web -> y
}`,
        },
        { name: 'no zones at all', code: 'system S {\n  client web\n  service api { replicas 3 }\n  web -> api\n}' },
    ],
    invalid: [
        { name: 'where every path enters the one zone holding all replicas', code: zones('a'), errors: [{ component: 'lb', on: 'zones [a]' }] },
        {
            name: 'a flow whose only path crosses the one zone of the model, on its name',
            code: 'system S {\n  client web\n  zone only {\n    service api { replicas 3 }\n  }\n  web -> api\n}',
            errors: [{ component: 'api', on: 'api' }],
        },
    ],
});

const BALANCER = `system S {
  client app
  loadbalancer gateway { health_check every 5s }
  service a { replicas 2 }
  service b { replicas 2 }
  flow redirect : app -> gateway -> a
  flow shorten : app -> gateway -> b
}`;

ruleTester.run('shared-dependency-spof', {
    valid: [
        { name: 'a balancer only one of two flows needs is spof\'s finding', code: HALF_SHARED_GATEWAY },
        { name: 'a global cache with two replicas', code: 'system S { client app cache c { placement global replicas 2 } app -> c }' },
        { name: 'a directory service with two replicas', code: DIRECTORY.replace('replicas 1', 'replicas 2') },
    ],
    invalid: [
        {
            name: 'a directory service with one replica',
            code: DIRECTORY, errors: [{ component: 'dir', on: 'replicas 1' }], output: DIRECTORY.replace('replicas 1', 'replicas 2'),
        },
        {
            name: 'a global cache with one replica, on its name',
            code: GLOBAL_CACHE, errors: [{ component: 'sessions', on: 'sessions' }],
            output: GLOBAL_CACHE.replace('{ placement global }', '{ replicas 2 placement global }'),
        },
        {
            name: 'a global cache with one replica off the flows',
            code: 'system S {\n  client app\n  cache sessions { placement global }\n  app -> sessions\n}',
            errors: [{ component: 'sessions', on: 'sessions' }],
            output: 'system S {\n  client app\n  cache sessions { replicas 2 placement global }\n  app -> sessions\n}',
        },
        {
            name: 'a balancer that every flow passes',
            code: BALANCER, errors: [{ component: 'gateway', on: 'gateway' }], output: BALANCER.replace('{ health_check', '{ replicas 2 health_check'),
        },
    ],
});

describe('shared-dependency-spof messages', () => {
    const messages = async (code: string) => (await lint('shared-dependency-spof', code)).map((d) => d.message);
    it('say what shares the component: the stores it directs, the flows that pass it, the tiers that call a global cache', async () => {
        expect(await messages(DIRECTORY)).toEqual(['dir has 1 replica and every request to photos looks its shard up there.']);
        expect(await messages(BALANCER)).toEqual(['gateway has 1 replica and flows redirect and shorten all pass it.']);
        expect(await messages(GLOBAL_CACHE)).toEqual(['sessions has 1 replica and it is a global cache shared by api.']);
    });
});
