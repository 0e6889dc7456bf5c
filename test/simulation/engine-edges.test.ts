/**
 * The event loop (engine.ts) at its edges, aimed at what engine.test.ts and engine-more.test.ts
 * left alive under mutation: fresh keys of async calls, fan-out parts into shards and copies,
 * recycled ids, the in-flight cap at a spawn, a store's write draw, app-server caches behind a
 * shared pool, failing parts, unmeasured failures, readmission after a second loss. Every
 * figure is worked by hand or drawn again from the seed here.
 */
import { describe, expect, it } from 'vitest';
import { MEASURED, WRITE } from '../../language-server/simulation/requests.js';
import { spec } from './fake-kernel.js';
import { appServerCacheBehindBalancer, build, checkedPair, checkedReplicas, drain, rt, secondDrawsBelow, send } from './engine-harness.js';

describe('async calls and keys', () => {
    const text = (count: string) => `system S {
  client u
  service api { }
  cache c { write write_through capacity 100 items }
  u -> api
  api -> c ${count} : async
}`;
    const cached = async (count: string) => {
        const e = await build(text(count));
        send(e, 0, { key: 1e9 });
        drain(e);
        return rt(e, 'c').caches![0].lookup(1e9, 0);
    };

    it('one async call carries its caller\'s key; each of several draws a fresh one', async () => {
        // Write-through: the message's key ends up in the cache. Key 10^9 is past the workload's million keys.
        expect(await cached('')).toBe(true);
        expect(await cached('[x2]')).toBe(false);
    });
});

/** What each of two hash shards of db completes after one request whose `calls` send it 40 parts or messages. */
async function partsIntoTwoShards(calls: string): Promise<number[]> {
    const e = await build(`system S {
  client u
  service api { }
  database db { partition hash(id) shards 2 latency 1ms const }
  ${calls}
}`);
    send(e, 0);
    drain(e);
    return rt(e, 'db').stations.map((s) => s.pools[0].completions);
}

/** All 40 done, and each part routed by its own key: neither shard left with a handful. */
function expectSpreadOverTwoShards(counts: number[]): void {
    expect(counts[0] + counts[1]).toBe(40);
    expect(Math.min(...counts)).toBeGreaterThan(5);
}

describe('fan-out parts', () => {
    it('each part of a fan-out into a partitioned store is routed by its own key', async () => {
        expectSpreadOverTwoShards(await partsIntoTwoShards('u -> api -> db [x40]'));
    });

    it('the parts of a write into copies go to the leader, not a pinned replica', async () => {
        const e = await build(`system S {
  client u
  service api { }
  database db { replicas 3 latency 1ms const }
  u -> api -> db [x2]
}`);
        send(e, 0, { flags: MEASURED | WRITE });
        drain(e);
        expect(rt(e, 'db').stations[0].pools.map((p) => p.completions)).toEqual([2, 0, 0]);
        expect(e.hist.count).toBe(1);
    });

    it('a part given a recycled id 0 is a part like any other', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 1ms const }
  u -> api -> b [x2]
}`);
        // Ids 0 and 1 made and given back in that order: the request takes 1, its first part 0.
        const a = e.job(spec()), b = e.job(spec());
        expect([a, b]).toEqual([0, 1]);
        e.requests.release(a);
        e.requests.release(b);
        send(e, 0);
        drain(e);
        expect([e.hist.count, e.failed, rt(e, 'b').completions, e.requests.live]).toEqual([1, 0, 2, 0]);
    });

    it('a part that fails at a component that is down fails its request once the others are done', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { latency 1ms const }
  u -> api -> b [x3]
  scenario s { fail b at 0s for 1s }
}`, {}, 's');
        send(e, 0.5);
        send(e, 1.5);
        drain(e);
        expect([e.failed, e.hist.count, rt(e, 'b').failed, e.requests.live]).toEqual([1, 1, 3, 0]);
    });
});

describe('a spawn at the in-flight cap', () => {
    it('makes no message, and the caller goes on', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service w { latency 10ms const }
  u -> api
  api -> w : async
}`, { maxInFlight: 1 });
        send(e, 0);
        drain(e);
        expect([e.limit, rt(e, 'w').stations[0].pools[0].busy, e.queue.size, e.requests.live]).toEqual(['memory', 0, 0, 0]);
    });
});

describe('a store\'s own write draw', () => {
    const text = (partition: string) => `system S {
  client u
  database db { write_ratio 0.25 ${partition} latency 1ms const }
  u -> db
}`;

    it('changes only the write flag: reads and writes are both timed', async () => {
        const e = await build(text(''));
        for (let i = 0; i < 40; i++) send(e, 0.01 * i);
        drain(e);
        const writes = secondDrawsBelow(40, 0.25);
        expect([e.hist.count, rt(e, 'db').writes, rt(e, 'db').reads]).toEqual([40, writes, 40 - writes]);
    });

    it('is made once per operation: the parts of a scattered read do not draw again', async () => {
        const e = await build(text('partition round_robin shards 3'));
        for (let i = 0; i < 40; i++) send(e, 0.01 * i);
        drain(e);
        // Draws: the client's choice, then the store's draw; a read scatters to 3 shards (3 reads), a write goes to one.
        const writes = secondDrawsBelow(40, 0.25);
        expect([rt(e, 'db').writes, rt(e, 'db').reads, e.hist.count]).toEqual([writes, 3 * (40 - writes), 40]);
    });
});

describe('app-server caches', () => {
    it('behind a shared pool: each request uses one of the tier\'s instances', async () => {
        const e = await build(`system S {
  client u
  service api { replicas 2 }
  cache c { placement app_server capacity 10 items }
  database db { latency 1ms const }
  u -> api -> c -> db
}`);
        for (let i = 0; i < 10; i++) send(e, i, { key: 1e9 });
        drain(e);
        const c = rt(e, 'c');
        expect(c.caches!.length).toBe(2);
        expect(c.hits + c.misses).toBe(10);
        // The key is cached only where a request missed it: at most one miss per instance.
        expect(c.misses).toBeLessThanOrEqual(2);
    });

    it('behind a balancer: replica r\'s requests use instance r', async () => {
        const e = await build(appServerCacheBehindBalancer, { durationS: 30 });
        // Round robin from replica 1: request k goes to replica (k + 1) mod 2, and asks for key 10^9 + that replica.
        for (let k = 0; k < 20; k++) send(e, k, { key: 1e9 + ((k + 1) % 2) });
        drain(e);
        expect([rt(e, 'c').misses, rt(e, 'c').hits]).toEqual([2, 18]);
        const caches = rt(e, 'c').caches!;
        expect([caches[0].lookup(1e9, 0), caches[0].lookup(1e9 + 1, 0), caches[1].lookup(1e9, 0), caches[1].lookup(1e9 + 1, 0)]).toEqual([true, false, false, true]);
    });
});

describe('writes to a tier without copies', () => {
    it('are served by one replica and applied nowhere else', async () => {
        const e = await build(`system S {
  client u
  loadbalancer lb { }
  service api { replicas 2 latency 10ms const }
  u -> lb -> api
}`);
        send(e, 0, { flags: MEASURED | WRITE });
        drain(e);
        expect(rt(e, 'api').stations[0].pools.map((p) => [p.completions, p.applied])).toEqual([[0, 0], [1, 0]]);
        expect(e.hist.sum).toBeCloseTo(0.01, 12);
        expect(e.requests.live).toBe(0);
    });
});

describe('failures', () => {
    it('a proxy that starts a flow fails its collapsed followers with their leader', async () => {
        const e = await build(`system S {
  proxy p { collapsed_forwarding on }
  service api { latency 10ms const }
  flow f 100% read : p -> api
  scenario s { fail api at 0.005s for 1s }
}`, {}, 's');
        expect(e.program.entries[0].node).toBe(0);
        for (const t of [0, 0.001]) send(e, t, { key: 4, flow: 0 });
        drain(e);
        expect([e.failed, e.flows[0].failed, e.hist.count, e.requests.live]).toEqual([2, 2, 0, 0]);
    });

    it('an unmeasured request that fails is not counted', async () => {
        const e = await build(`system S {
  client u
  service api { }
  u -> api
  scenario s { fail api }
}`, {}, 's');
        send(e, 1, { flags: 0 });
        send(e, 2);
        drain(e);
        expect([e.failed, rt(e, 'api').failed]).toEqual([1, 2]);
    });

    it('every request offered is accounted for when all fail', async () => {
        const e = await build(`system S {
  client u
  service api { }
  u -> api
  scenario s { fail api }
}`, { rps: 20, durationS: 2 }, 's');
        drain(e);
        expect(e.offered).toBeGreaterThan(20);
        expect([e.failed, e.open, e.hist.count]).toEqual([e.offered, 0, 0]);
    });

    it('counts the failures of the first flow too', async () => {
        const e = await build(`system S {
  client u
  service api { }
  service b { }
  u -> api
  u -> b
  flow one 50% read : u -> api
  flow two 50% read : u -> b
  scenario s { fail api }
}`, {}, 's');
        send(e, 1, { flow: 0 });
        send(e, 2, { flow: 1 }, { entry: 1 });
        drain(e);
        expect(e.flows.map((f) => [f.hist.count, f.failed])).toEqual([[0, 1], [1, 0]]);
    });
});

describe('servers of a shared pool', () => {
    it('a lost replica takes its own servers out (concurrency 2 each)', async () => {
        const e = await build(`system S {
  client u
  zone a { }
  zone b { }
  service api { replicas 2 latency 10ms const concurrency 2 zones [a, b] }
  u -> api
  scenario s { fail a at 1s for 1s }
}`, {}, 's');
        const pool = rt(e, 'api').stations[0].pools[0];
        const servers: number[] = [];
        for (const t of [0.5, 1.5, 2.5]) e.at(t, () => servers.push(pool.servers));
        drain(e);
        expect(servers).toEqual([4, 2, 4]);
    });
});

describe('readmission after a second loss', () => {
    it('a replica lost again before its readmission stays out', async () => {
        const e = await build(checkedReplicas('fail a at 1s for 5s fail a at 6.5s for 5s'), {}, 's');
        const pool0 = rt(e, 'api').stations[0].pools[0];
        const states: boolean[][] = [];
        // Out at 3.5 s, back at 6 s, readmission due at 7 s, lost again at 6.5 s.
        for (const t of [3.6, 6.2, 7.1]) e.at(t, () => states.push([pool0.down, pool0.excluded]));
        drain(e);
        expect(states).toEqual([[true, true], [false, true], [true, true]]);
    });

    it('a component lost again before its readmission stays out', async () => {
        const e = await build(checkedPair('fail a at 1s for 5s fail a at 6.5s for 5s'), {}, 's');
        const a = rt(e, 'a');
        const states: (number | boolean)[][] = [];
        for (const t of [3.6, 6.2, 7.1]) e.at(t, () => states.push([a.live, a.excluded]));
        drain(e);
        expect(states).toEqual([[0, true], [1, true], [0, true]]);
    });
});

describe('async calls into routed stores', () => {
    it('messages into a partitioned store are routed by their own keys', async () => {
        expectSpreadOverTwoShards(await partsIntoTwoShards('u -> api\n  api -> db [x40] : async'));
    });

    it('a message into copies is written at the leader and applied by the followers', async () => {
        const e = await build(`system S {
  client u
  service api { }
  database db { replicas 3 latency 1ms const }
  u -> api
  api -> db : async
}`);
        send(e, 0);
        drain(e);
        expect(rt(e, 'db').stations[0].pools.map((p) => [p.completions, p.applied])).toEqual([[1, 0], [0, 1], [0, 1]]);
    });
});
