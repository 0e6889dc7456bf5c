/** duplicate-delivery: repeated requests (at-least-once queues, retried calls) that repeat a critical write. */
import { ruleTester } from './rule-tester.js';

const DB = 'database orders { acid on replicas 2 sync failover 30s capacity 5k rps }';
/** app -> api -> q, a worker consuming q and calling what `calls` says. */
const queued = (queue: string, worker: string, calls: string, extra = '') => `system S {
  workload { rps 500 }
  client app
  service api { replicas 2 capacity 1k rps }
  queue q { ${queue} }
  queue dlq
  worker fulfil { replicas 2 capacity 1k rps consumes q${worker} }
  ${DB}${extra}
  app -> api -> q
  ${calls}
}`;
const AT_LEAST_ONCE = 'delivery at_least_once retries 3 dead_letter dlq';
const QUEUED = queued(AT_LEAST_ONCE, '', 'fulfil -> orders');

/** checkout calls billing with retries; billing's flow steps are `steps`. */
const retried = (billing: string, steps: string, store = 'acid on durability critical') => `system S {
  workload { rps 1k }
  client apps
  service checkout { replicas 2 capacity 1k rps }
  service billing { ${billing} }
  database payments { ${store} replicas 2 sync failover 30s capacity 5k rps }
  apps -> checkout
  checkout -> billing : grpc { timeout 3s retries 3 }
  billing -> payments
  flow charge 100% write : apps -> checkout -> billing -> ${steps}
}`;
const RETRIED = retried('replicas 4 capacity 500 rps', '{ payments [read], payments }');

ruleTester.run('duplicate-delivery', {
    valid: [
        { name: 'an idempotent consumer', code: queued(AT_LEAST_ONCE, ' idempotent on', 'fulfil -> orders') },
        { name: 'at-most-once delivery never repeats', code: queued('delivery at_most_once', '', 'fulfil -> orders') },
        { name: 'the consumer only reads the store', code: queued(AT_LEAST_ONCE, '', 'fulfil -> orders [read]') },
        { name: 'a store with normal durability and no transactions', code: QUEUED.replace('acid on ', '') },
        { name: 'the write goes through an idempotent service', code: queued(AT_LEAST_ONCE, '', 'fulfil -> ledger -> orders', '\n  service ledger { replicas 2 capacity 1k rps idempotent on }') },
        { name: 'a retried service that is idempotent', code: retried('replicas 4 capacity 500 rps idempotent on', '{ payments [read], payments }') },
        { name: 'a retried service whose flow only reads the store', code: retried('replicas 4 capacity 500 rps', 'payments [read]') },
        { name: 'a retried service writing a store that may repeat writes', code: retried('replicas 4 capacity 500 rps', 'payments', 'durability normal') },
    ],
    invalid: [
        {
            name: 'a worker of an at-least-once queue writing an acid store, on its consumes, fixed with idempotent on',
            code: QUEUED, errors: [{ component: 'fulfil', on: 'consumes q' }],
            output: QUEUED.replace('{ replicas 2 capacity 1k rps consumes q', '{ idempotent on replicas 2 capacity 1k rps consumes q'),
        },
        {
            name: 'the write reaches the store through a non-idempotent service',
            code: queued(AT_LEAST_ONCE, '', 'fulfil -> ledger -> orders', '\n  service ledger { replicas 2 capacity 1k rps }'),
            errors: [{ component: 'fulfil', on: 'consumes q' }],
            output: queued(AT_LEAST_ONCE, '', 'fulfil -> ledger -> orders', '\n  service ledger { replicas 2 capacity 1k rps }')
                .replace('{ replicas 2 capacity 1k rps consumes q', '{ idempotent on replicas 2 capacity 1k rps consumes q'),
        },
        {
            name: 'a service called with retries whose flow writes a critical store, on its name',
            code: RETRIED.replace('service billing { replicas 4 capacity 500 rps }', 'service billing'),
            errors: [{ component: 'billing', on: 'billing' }],
            output: RETRIED.replace('service billing { replicas 4 capacity 500 rps }', 'service billing { idempotent on }'),
        },
        {
            name: 'idempotent off is where the fix goes',
            code: retried('replicas 4 idempotent off', 'payments'), errors: [{ component: 'billing', on: 'idempotent off' }],
            output: retried('replicas 4 idempotent on', 'payments'),
        },
    ],
});
