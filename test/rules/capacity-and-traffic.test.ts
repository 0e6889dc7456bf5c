import { ruleTester } from './rule-tester.js';
import { leaderStore } from './helpers.js';

/** 10k rps at a 2x peak over `replicas` replicas of 2k rps: utilisation 10 / replicas. */
const api = (replicas: number) => `system Api {
  workload { rps 10k peak 2x }
  client app
  service api { replicas ${replicas} capacity 2k rps }
  app -> api
}`;
const cached = (front: string) => `system S {
  workload { rps 10k keys 1M zipf 1.0 }
  client app
  ${front}
  database db { replicas 2 capacity 3k rps }
  app -> ${front ? 'kv -> ' : ''}db
}`;
const SHARDED = 'system S {\n  workload { rps 10k }\n  client app\n  database db { partition hash(k) shards 8 consistent vnodes 256 capacity 1k rps }\n  app -> db\n}';

/** 1k requests/s into api, which calls leaf (4 replicas of 2k rps) as `call` says. */
const fanned = (call: string, rate = '1k') => `system S {
  workload { rps ${rate} }
  client app
  service api { replicas 40 capacity 5k rps }
  service leaf { replicas 4 capacity 2k rps }
  flow query 100% read : app -> api -> leaf ${call}
}`;

ruleTester.run('capacity-exceeded', {
    valid: [
        { name: 'seven parallel calls per request: 7k of 8k', code: fanned('[x7]') },
        { name: 'a 5% share of 100k requests: 5k of 8k', code: fanned('[5%]', '100k') },
        { name: '8k reads spread over 3 replicas of 5k (reads any)', code: leaderStore('replicas 3 failover 30s reads any capacity 5k rps', 20).replace('flow save 20% write', 'flow save 20% read') },
        {
            name: 'writes that are write-bottleneck\'s finding leave the reads to judge (4.55k of 10k)',
            code: leaderStore('replicas 2 failover 30s reads any capacity 10k rps write_capacity 1k rps', 9),
        },
        { name: 'utilisation 0.91 at peak is headroom, not exceeded', code: api(11) },
        { name: 'enough replicas for the peak', code: api(14) },
        { name: 'a cache in front takes the reads off the store', code: cached('cache kv { capacity 200k items }') },
        { name: 'a partitioned store judged over all its shards', code: SHARDED.replace('shards 8', 'shards 16') },
        { name: 'utilisation 1.25 under the 2 the configuration sets', code: api(8), thresholds: { 'capacity-exceeded.utilisation': 2 } },
        {
            name: 'a worker slower than its queue (queue-unconsumed judges it)',
            code: 'system S {\n  workload { rps 1k }\n  client app\n  queue jobs\n  worker w { capacity 100 rps consumes jobs }\n  app -> jobs\n}',
        },
    ],
    invalid: [
        { name: 'ten parallel calls per request: 10k of 8k', code: fanned('[x10]'), errors: [{ component: 'leaf', on: 'capacity 2k rps' }] },
        { name: 'every request of 100k making the call: 100k of 8k', code: fanned('', '100k'), errors: [{ component: 'leaf', on: 'capacity 2k rps' }] },
        {
            name: 'a single leader takes every read under strong consistency: 8k of its 5k',
            code: leaderStore('replicas 3 failover 30s capacity 5k rps', 20).replace('flow save 20% write', 'flow save 20% read'),
            errors: [{ component: 'db', on: 'capacity 5k rps' }],
        },
        {
            name: 'reads and writes together on the busiest replica: 4.65k/10k + 700/1k',
            code: leaderStore('replicas 2 failover 30s reads any capacity 10k rps write_capacity 1k rps', 7),
            errors: [{ component: 'db', on: 'capacity 10k rps' }],
        },
        { name: 'utilisation 5 at peak, on the capacity', code: api(4), errors: [{ component: 'api', on: 'capacity 2k rps' }] },
        { name: 'utilisation exactly 1 at peak', code: api(10), errors: [{ component: 'api', on: 'capacity 2k rps' }] },
        { name: 'the traffic that reaches a store without a cache', code: cached(''), errors: [{ component: 'db', on: 'capacity 3k rps' }] },
        { name: 'a partitioned store over all its shards', code: SHARDED, errors: [{ component: 'db', on: 'capacity 1k rps' }] },
        { name: 'utilisation 0.71 over the 0.7 the configuration sets', code: api(14), thresholds: { 'capacity-exceeded.utilisation': 0.7 }, errors: [{ component: 'api', on: 'capacity 2k rps' }] },
        {
            name: 'a worker fed by a queue and by calls is judged (500 consumed + 500 called of its 100)',
            code: 'system S {\n  workload { rps 1k }\n  client app\n  queue jobs\n  worker w { capacity 100 rps consumes jobs }\n  flow a 50% : app -> jobs\n  flow b 50% : app -> w\n}',
            errors: [{ component: 'w', on: 'capacity 100 rps' }],
        },
    ],
});

ruleTester.run('capacity-headroom', {
    valid: [
        { name: 'utilisation 0.71 at peak', code: api(14) },
        { name: 'exceeded is capacity-exceeded\'s finding', code: api(4) },
        { name: 'utilisation 0.91 under the 0.95 the configuration sets', code: api(11), thresholds: { 'capacity-headroom.utilisation': 0.95 } },
        { name: 'utilisation exactly 1 is exceeded, not headroom', code: api(10) },
    ],
    invalid: [
        { name: 'utilisation 0.91 at peak, on the capacity', code: api(11), errors: [{ component: 'api', on: 'capacity 2k rps' }] },
        {
            name: 'the leader of a partitioned store\'s mean shard: 2.5k of 3k reads, its synchronous standby serving none',
            code: leaderStore('replicas 2 sync failover 30s partition hash(id) shards 4 consistent vnodes 256 capacity 3k rps', 10).replace('flow save 10% write', 'flow save 10% read'),
            errors: [{ component: 'db', on: 'capacity 3k rps', occurrence: 1 }],
        },
        { name: 'utilisation exactly 0.8 at peak', code: api(10).replace('capacity 2k rps', 'capacity 2.5k rps'), errors: [{ component: 'api', on: 'capacity 2.5k rps' }] },
        { name: 'utilisation 0.71 over the 0.7 the configuration sets', code: api(14), thresholds: { 'capacity-headroom.utilisation': 0.7 }, errors: [{ component: 'api', on: 'capacity 2k rps' }] },
        { name: 'utilisation 1.25 under the exceeded threshold the configuration raises to 2', code: api(8), thresholds: { 'capacity-exceeded.utilisation': 2 }, errors: [{ component: 'api', on: 'capacity 2k rps' }] },
    ],
});

ruleTester.run('lb-no-health-check', {
    valid: [
        { name: 'with a health check', code: 'system S { loadbalancer lb { health_check every 5s } }' },
    ],
    invalid: [
        {
            name: 'a balancer without health_check, on its name',
            code: 'system S {\n  client c\n  loadbalancer lb { replicas 2 }\n  service a { replicas 2 }\n  c -> lb -> a\n}',
            errors: [{ component: 'lb', on: 'lb' }],
        },
    ],
});

const chat = (algorithm: string) => `system Chat {
  client chat_app { protocol websocket }
  loadbalancer lb { algorithm ${algorithm} replicas 2 health_check every 5s }
  service gateway { replicas 4 }
  chat_app -> lb
  lb -> gateway
}`;
const SSE_RANDOM = 'system S {\n  client c\n  loadbalancer lb { algorithm random }\n  c -> lb : sse\n}';
const UNEQUAL = 'system S {\n  client c\n  loadbalancer lb\n  service big { capacity 4k rps }\n  service small { capacity 1k rps }\n  c -> lb -> big\n  lb -> small\n}';

ruleTester.run('lb-algorithm-mismatch', {
    valid: [
        { name: 'least_connections for websockets', code: chat('least_connections') },
        { name: 'round robin over targets of equal capacity', code: 'system S { client c loadbalancer lb service a { capacity 1k rps } service b { capacity 1k rps } c -> lb -> a lb -> b }' },
        { name: 'random over targets of unequal capacity (random ignores capacity as much as it ignores turns)', code: UNEQUAL.replace('loadbalancer lb', 'loadbalancer lb { algorithm random }') },
        { name: 'weighted round robin with weights', code: 'system S { client c loadbalancer lb { algorithm weighted_round_robin weights [3, 1] } service a c -> lb -> a }' },
        { name: 'a websocket client that does not call the balancer', code: 'system S { client c { protocol websocket } loadbalancer lb service a c -> a lb -> a }' },
        { name: 'an https client in front of round robin', code: 'system S { client c { protocol https } loadbalancer lb { algorithm round_robin } service a c -> lb -> a }' },
        { name: 'round robin over one target with a capacity and one without', code: 'system S { client c loadbalancer lb service a { capacity 1k rps } service b c -> lb -> a lb -> b }' },
    ],
    invalid: [
        {
            name: 'round_robin in front of websocket clients, fixed to least_connections',
            code: chat('round_robin'), errors: [{ component: 'lb', on: 'algorithm round_robin' }], output: chat('least_connections'),
        },
        {
            name: 'random in front of an sse connection',
            code: SSE_RANDOM, errors: [{ component: 'lb', on: 'algorithm random' }], output: SSE_RANDOM.replace('random', 'least_connections'),
        },
        {
            name: 'round_robin (the default) over targets of unequal capacity, on the name',
            code: UNEQUAL, errors: [{ component: 'lb', on: 'lb' }],
        },
        {
            name: 'round_robin with weights it ignores',
            code: 'system S {\n  client c\n  loadbalancer lb { algorithm round_robin weights [3, 1] }\n  service a\n  c -> lb -> a\n}',
            errors: [{ component: 'lb', on: 'algorithm round_robin' }],
        },
        {
            name: 'random in front of a long_polling client',
            code: 'system S {\n  client c { protocol long_polling }\n  loadbalancer lb { algorithm random }\n  c -> lb\n}',
            errors: [{ component: 'lb', on: 'algorithm random' }],
            output: 'system S {\n  client c { protocol long_polling }\n  loadbalancer lb { algorithm least_connections }\n  c -> lb\n}',
        },
    ],
});

ruleTester.run('polling-overhead', {
    valid: [
        { name: 'polling every 30s', code: 'system S { client b service a b -> a : polling every 30s }' },
        { name: 'sse', code: 'system S { client b service a b -> a : sse }' },
        { name: 'polling without an interval is not judged', code: 'system S { client b service a b -> a : polling }' },
        { name: 'polling every 5s exactly', code: 'system S { client b service a b -> a : polling every 5s }' },
        { name: 'polling more often than the configuration minds', code: 'system S { client b service a b -> a : polling every 1s }', thresholds: { 'polling-overhead.intervalS': 0.5 } },
    ],
    invalid: [
        {
            name: 'polling more often than every 5s, on the connection',
            code: 'system S {\n  client browser\n  service api { replicas 2 }\n  browser -> api : polling every 1s\n}',
            errors: [{ component: 'browser', on: 'browser -> api' }],
        },
        {
            name: 'polling every 250ms',
            code: 'system S {\n  client b\n  service a\n  b -> a : polling every 250ms\n}', errors: [{ component: 'b', on: 'b -> a' }],
        },
        {
            name: 'polling less often than the configuration wants',
            code: 'system S {\n  client b\n  service a\n  b -> a : polling every 30s\n}', thresholds: { 'polling-overhead.intervalS': 60 },
            errors: [{ component: 'b', on: 'b -> a' }],
        },
    ],
});

ruleTester.run('queue-no-retry', {
    valid: [
        { name: 'retries with a dead letter queue (which itself is exempt)', code: 'system S { queue orders { retries 5 dead_letter dlq } queue dlq }' },
        { name: 'at-most-once', code: 'system S { queue events { delivery at_most_once } }' },
        { name: 'at-least-once with retries and a dead letter queue', code: 'system S { queue orders { delivery at_least_once retries 3 dead_letter dlq } queue dlq }' },
        { name: 'no retries declared at zero', code: 'system S { queue orders { retries 0 } }' },
    ],
    invalid: [
        { name: 'at-least-once without retries, on delivery', code: 'system S {\n  queue orders { delivery at_least_once }\n}', errors: [{ component: 'orders', on: 'delivery at_least_once' }] },
        { name: 'retries without a dead letter queue, on retries', code: 'system S {\n  queue orders { retries 5 }\n}', errors: [{ component: 'orders', on: 'retries 5' }] },
    ],
});

const SLOW_CONSUMERS = 'system S {\n  workload { rps 1k peak 2x }\n  client app\n  queue jobs\n  worker w { replicas 2 capacity 500 rps consumes jobs }\n  app -> jobs\n}';

ruleTester.run('queue-unconsumed', {
    valid: [
        { name: 'a dead letter queue without a consumer', code: 'system S { queue q { retries 3 dead_letter dlq } queue dlq worker w { consumes q } }' },
        { name: 'consumers faster than the arrival rate at peak', code: SLOW_CONSUMERS.replace('replicas 2', 'replicas 5') },
        { name: 'consumers exactly as fast as the arrival rate at peak', code: SLOW_CONSUMERS.replace('replicas 2', 'replicas 4') },
        { name: 'a consumer of unknown capacity', code: SLOW_CONSUMERS.replace('capacity 500 rps ', '') },
        { name: 'a slow consumer helped by a second one', code: SLOW_CONSUMERS.replace('  app -> jobs', '  worker w2 { capacity 2k rps consumes jobs }\n  app -> jobs') },
    ],
    invalid: [
        {
            name: 'a queue nobody consumes, on its name',
            code: 'system S {\n  client app\n  queue emails { retries 3 dead_letter dlq }\n  queue dlq\n  app -> emails\n}',
            errors: [{ component: 'emails', on: 'emails' }],
        },
        { name: 'consumers slower than the arrival rate at peak', code: SLOW_CONSUMERS, errors: [{ component: 'jobs', on: 'jobs' }] },
    ],
});

ruleTester.run('unreachable', {
    valid: [
        { name: 'a client no one calls: clients are where traffic starts', code: 'system S {\n  client web\n  client kiosk\n  service api\n  web -> api\n}' },
        { name: 'a model without clients: nothing to reach from', code: 'system S {\n  service api\n  service legacy\n}' },
        {
            name: 'consumers, dead letter queues and directories count as reached',
            code: `system S {
  client web
  queue q { retries 3 dead_letter dlq }
  queue dlq
  worker w { consumes q }
  worker inspector { consumes dlq }
  service dir
  database db { partition directory(k) via dir shards 4 }
  web -> q
  web -> db
}`,
        },
        {
            name: 'stores a reached store joins or references, and a lookup named by via, count as reached',
            code: `system S {
  client web
  service dir
  database orders { references [users] joins [products] }
  database users
  database products
  database photos { partition directory(k) via dir shards 4 }
  flow f : web -> { orders, photos }
}`,
        },
    ],
    invalid: [
        {
            name: 'a component no client reaches, but no client',
            code: 'system S {\n  client web\n  client batch\n  service api { replicas 2 }\n  service legacy { replicas 2 }\n  web -> api\n}',
            errors: [{ component: 'legacy', on: 'legacy' }],
        },
        {
            name: 'a component only declared connections reach when flows carry the traffic',
            code: 'system S {\n  client web\n  service api\n  service audit\n  web -> api -> audit\n  flow f : web -> api\n}',
            errors: [{ component: 'audit', on: 'audit' }],
        },
        {
            name: 'a store only an unreached store references',
            code: 'system S {\n  client web\n  service api\n  database old { references [users] }\n  database users\n  web -> api\n}',
            errors: [{ component: 'old', on: 'old' }, { component: 'users', on: 'users', occurrence: 1 }],
        },
    ],
});
