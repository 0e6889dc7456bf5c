/** duplicate-delivery: repeated requests (at-least-once queues, retried calls) that repeat a critical write. */
import { describe, expect, it } from 'vitest';
import { lint, ruleTester } from './rule-tester.js';

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
const BILLING = 'replicas 4 capacity 500 rps';
/** A flow of no kind through the retried billing into payments, under a workload of `readRatio`. */
const unmarked = (readRatio: number) => retried(BILLING, 'payments').replace('100% write', '100%').replace('rps 1k', `rps 1k read_ratio ${readRatio}`);
/** checkout calls billing with retries and billing calls payments by `call`, without flows. */
const connected = (workload: string, call = 'billing -> payments') => `system S {
  workload { ${workload} }
  client apps
  service checkout { replicas 2 capacity 1k rps }
  service billing { ${BILLING} }
  database payments { acid on replicas 2 sync failover 30s capacity 5k rps }
  apps -> checkout
  checkout -> billing : grpc { timeout 3s retries 3 }
  ${call}
}`;
const FIX_BILLING = (code: string) => code.replace(`service billing { ${BILLING} }`, `service billing { idempotent on ${BILLING} }`);

ruleTester.run('duplicate-delivery', {
    valid: [
        { name: 'an idempotent consumer', code: queued(AT_LEAST_ONCE, ' idempotent on', 'fulfil -> orders') },
        { name: 'at-most-once delivery never repeats', code: queued('delivery at_most_once', '', 'fulfil -> orders') },
        { name: 'the consumer only reads the store', code: queued(AT_LEAST_ONCE, '', 'fulfil -> orders [read]') },
        { name: 'a store with normal durability and no transactions', code: QUEUED.replace('acid on ', '') },
        { name: 'the write goes through an idempotent service', code: queued(AT_LEAST_ONCE, '', 'fulfil -> ledger -> orders', '\n  service ledger { replicas 2 capacity 1k rps idempotent on }') },
        { name: 'a retried service that is idempotent', code: retried('replicas 4 capacity 500 rps idempotent on', '{ payments [read], payments }') },
        { name: 'a retried service whose flow only reads the store', code: retried('replicas 4 capacity 500 rps', 'payments [read]') },
        { name: 'a retried service that only enqueues: the write happens past the queue', code: retried(BILLING, 'jobs -> w -> payments').replace('  apps -> checkout', '  queue jobs { delivery at_most_once }\n  worker w { replicas 2 capacity 1k rps consumes jobs }\n  w -> payments\n  apps -> checkout') },
        { name: 'the write goes through an idempotent worker', code: retried(BILLING, 'w -> payments').replace('  apps -> checkout', '  worker w { replicas 2 capacity 1k rps idempotent on }\n  apps -> checkout') },
        { name: 'a flow of no kind under a workload that only reads', code: unmarked(1) },
        { name: 'a [read] step under a workload that also writes', code: retried(BILLING, 'payments [read]').replace('rps 1k', 'rps 1k read_ratio 0.5') },
        { name: 'the flow writes beside the retried service, not through it', code: retried(BILLING, 'payments').replace('-> billing -> payments\n}', '-> { billing, payments }\n}') },
        { name: 'the consumer only reads a store that another tier writes', code: queued(AT_LEAST_ONCE, '', 'fulfil -> orders [read]\n  api -> orders [write]') },
        { name: 'without flows, a store that a workload of reads alone never writes', code: connected('rps 1k read_ratio 1') },
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
            name: 'a flow of no kind under a workload that also writes',
            code: unmarked(0.5), errors: [{ component: 'billing', on: 'billing' }], output: FIX_BILLING(unmarked(0.5)),
        },
        {
            name: 'without flows, a store the workload writes through the connection',
            code: connected('rps 1k read_ratio 0.5'), errors: [{ component: 'billing', on: 'billing' }], output: FIX_BILLING(connected('rps 1k read_ratio 0.5')),
        },
        {
            name: 'without flows or a rate, a [write] connection writes',
            code: connected('read_ratio 1', 'billing -> payments [write]'), errors: [{ component: 'billing', on: 'billing' }],
            output: FIX_BILLING(connected('read_ratio 1', 'billing -> payments [write]')),
        },
        {
            name: 'durability critical alone (no transactions) must not repeat a write',
            code: retried(BILLING, 'payments', 'durability critical'), errors: [{ component: 'billing', on: 'billing' }],
            output: FIX_BILLING(retried(BILLING, 'payments', 'durability critical')),
        },
        {
            name: 'idempotent off is where the fix goes',
            code: retried('replicas 4 idempotent off', 'payments'), errors: [{ component: 'billing', on: 'idempotent off' }],
            output: retried('replicas 4 idempotent on', 'payments'),
        },
    ],
});

describe('duplicate-delivery messages', () => {
    const messages = async (code: string) => (await lint('duplicate-delivery', code)).map((d) => d.message);
    it('name why requests repeat and which critical stores they write', async () => {
        expect(await messages(QUEUED)).toEqual(['fulfil consumes q, which delivers at least once, and writes orders (acid on) without idempotent on: a repeated request repeats the write.']);
        expect(await messages(retried(BILLING, 'payments', 'durability critical'))).toEqual([
            'billing is called by checkout with 3 retries, and writes payments (durability critical) without idempotent on: a repeated request repeats the write.',
        ]);
        expect(await messages(retried(BILLING, 'payments').replace('retries 3', 'retries 1'))).toEqual([
            'billing is called by checkout with 1 retry, and writes payments (durability critical) without idempotent on: a repeated request repeats the write.',
        ]);
    });
});
