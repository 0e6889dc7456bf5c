/** fan-out-tail: a read that waits for the slowest of N parallel calls. */
import { ruleTester } from './rule-tester.js';

/** app -> api -> leaf in one flow of kind `kind`, the call to leaf annotated `annotation`. */
const flow = (kind: string, annotation: string) => `system S {
  workload { rps 1k }
  client app
  service api { replicas 4 capacity 1k rps }
  service leaf { replicas 20 capacity 2k rps }
  flow query 100% ${kind} : app -> api -> leaf ${annotation}
}`;
const SCATTER = (shards: number) => `system S {
  workload { rps 1k }
  client app
  service api { replicas 4 capacity 1k rps }
  database logs { partition round_robin shards ${shards} capacity 5k rps }
  flow search 100% read : app -> api -> logs
}`;
const EDGES = `system S {
  workload { rps 1k read_ratio 0.9 }
  client app
  service api { replicas 4 capacity 1k rps }
  service leaf { replicas 20 capacity 2k rps }
  app -> api
  api -> leaf [x16] : grpc
}`;
const AFTER_QUEUE = `system S {
  workload { rps 1k }
  client app
  service api { replicas 4 capacity 1k rps }
  queue jobs { retries 3 dead_letter dlq }
  queue dlq
  worker w { replicas 2 capacity 2k rps consumes jobs }
  service leaf { replicas 20 capacity 2k rps }
  flow submit 100% read : app -> api -> jobs -> w -> leaf [x50]
}`;

ruleTester.run('fan-out-tail', {
    valid: [
        { name: 'nine parallel calls', code: flow('read', '[x9]') },
        { name: 'a write fan-out (timeline inserts)', code: flow('write', '[x50]') },
        { name: 'a [write] step inside a read flow', code: flow('read', '[x50 write]') },
        { name: 'a round robin store of 8 shards', code: SCATTER(8) },
        { name: 'a fan-out after a queue is not the flow\'s wait', code: AFTER_QUEUE },
        { name: 'twenty calls under the 32 the configuration sets', code: flow('read', '[x20]'), thresholds: { 'fan-out-tail.width': 32 } },
        { name: 'a workload that only writes', code: EDGES.replace('read_ratio 0.9', 'read_ratio 0') },
        { name: 'an async connection does not wait', code: EDGES.replace(': grpc', ': async') },
        { name: 'a flow step over an async connection does not wait', code: flow('read', '[x16]').replace('  flow query', '  api -> leaf : async\n  flow query') },
    ],
    invalid: [
        { name: 'ten parallel calls on a read flow, on the annotation', code: flow('read', '[x10]'), errors: [{ component: 'api', on: '[x10]' }] },
        { name: 'a [read] step of a write flow', code: flow('write', '[read x12]'), errors: [{ component: 'api', on: '[read x12]' }] },
        { name: 'a read of a round robin store of 16 shards, on the step', code: SCATTER(16), errors: [{ component: 'api', on: 'logs', occurrence: 1 }] },
        { name: 'an annotated connection without flows', code: EDGES, errors: [{ component: 'api', on: '[x16]' }] },
        { name: 'sixteen calls to a round robin store of 16 shards, on the annotation', code: SCATTER(16).replace('-> logs', '-> logs [x16]'), errors: [{ component: 'api', on: '[x16]' }] },
        { name: 'two calls to a round robin store of 16 shards wait for all 16, on the step', code: SCATTER(16).replace('-> logs', '-> logs [x2]'), errors: [{ component: 'api', on: 'logs', occurrence: 1 }] },
        {
            name: 'the connection a step takes, not the caller\'s first one',
            code: flow('read', '[x10]').replace('  flow query', '  queue jobs\n  worker w { consumes jobs }\n  api -> jobs\n  flow query'), errors: [{ component: 'api', on: '[x10]' }],
        },
        {
            name: 'each fan-out once, in each flow',
            code: flow('read', '[x10]').replace('\n}', '\n  flow other 0% read : app -> api -> leaf [x12]\n}'), errors: [{ component: 'api', on: '[x10]' }, { component: 'api', on: '[x12]' }],
        },
        { name: 'nine calls over the 8 the configuration sets', code: flow('read', '[x9]'), thresholds: { 'fan-out-tail.width': 8 }, errors: [{ component: 'api', on: '[x9]' }] },
    ],
});
