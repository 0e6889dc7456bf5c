/** The compiled route tree (program.ts): pre-order layout, next and skip, hops, access, key spaces, on small models worked by hand. */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import type { ArchModel } from '../../language-server/model/types.js';
import {
    ASYNC_HOP, BASE, CACHE, CALL_HOP, CDN, compileProgram, END, GUARDED_HOP, MAX_CALLS, MAX_NODES, PLAIN, QUEUE, READS, WRITES, type Program,
} from '../../language-server/simulation/program.js';

function compile(m: ArchModel): Program {
    return compileProgram(m, new Map([...m.components.keys()].map((name, i) => [name, i])));
}

/** A column of the program as a plain array. */
const col = (a: ArrayLike<number>) => Array.from(a);

describe('compileProgram', () => {
    it('lays a tree out in pre-order: next goes to the first call or past the subtree, skip past the subtree', async () => {
        // u -> lb -> api; api calls auth (guarded), c -> db, and q (async), which w consumes; q dead-letters to dlq.
        const m = await model(`system P {
  workload { rps 100 keys 1000 zipf 0.8 read_ratio 0.9 }
  client u
  loadbalancer lb { health_check every 2s timeout 1s unhealthy_after 2 }
  service api { }
  service auth { }
  cache c { capacity 100 items }
  database db { }
  queue q { retries 2 dead_letter dlq }
  queue dlq
  worker w { consumes q }
  u -> lb -> api
  api -> auth : grpc { timeout 2s retries 3 backoff 50ms }
  api -> c -> db
  api -> q : async
}`);
        const p = compile(m);
        // Components by declaration: u 0, lb 1, api 2, auth 3, c 4, db 5, q 6, dlq 7, w 8.
        // Nodes: 0 u, 1 lb, 2 api, 3 auth, 4 c, 5 db, 6 q, 7 w; then 8, the dead-letter queue's own route.
        expect(p.size).toBe(9);
        expect(col(p.comp)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 7]);
        expect(col(p.behaviour)).toEqual([PLAIN, PLAIN, PLAIN, PLAIN, CACHE, PLAIN, QUEUE, PLAIN, QUEUE]);
        // Spreaders and queues pick a child (next END: the engine chooses); api goes on to its first call;
        // a leaf goes to what follows it: auth to c, db (the end of c's subtree) to q, w to the end.
        expect(col(p.next)).toEqual([END, END, 3, 4, 5, 6, END, END, END]);
        expect(col(p.skip)).toEqual([END, END, END, 4, 6, 6, END, END, END]);
        expect(col(p.hop)).toEqual([CALL_HOP, CALL_HOP, CALL_HOP, GUARDED_HOP, CALL_HOP, CALL_HOP, ASYNC_HOP, CALL_HOP, ASYNC_HOP]);
        expect(col(p.timeoutS)).toEqual([Infinity, Infinity, Infinity, 2, Infinity, Infinity, Infinity, Infinity, Infinity]);
        expect(col(p.retries)).toEqual([0, 0, 0, 3, 0, 0, 0, 0, 0]);
        expect(col(p.backoffS)).toEqual([0, 0, 0, 0.05, 0, 0, 0, 0, 0]);
        expect(col(p.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
        expect(col(p.share)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
        // The async message writes, and so does its consumer; the dead-letter route is a write too.
        expect(col(p.access)).toEqual([BASE, BASE, BASE, BASE, BASE, BASE, WRITES, WRITES, WRITES]);
        expect(col(p.choice)).toEqual([1, 1, 0, 0, 0, 0, 1, 0, 1]);
        expect(col(p.checks)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0]);
        expect(col(p.parentComp)).toEqual([-1, 0, 1, 2, 2, 4, 2, 6, -1]);
        expect(col(p.childCount)).toEqual([1, 1, 3, 0, 1, 0, 1, 0, 0]);
        // Children listed node by node: u's [1], lb's [2], api's [3, 4, 6], c's [5], q's [7].
        expect(col(p.childStart).slice(0, 8)).toEqual([0, 1, 2, 5, 5, 6, 6, 7]);
        expect(col(p.children).slice(0, 7)).toEqual([1, 2, 3, 4, 6, 5, 7]);
        // api calls each of its three (weights 1 each): cumulative 1/3, 2/3, 1.
        expect(col(p.cumWeight).slice(0, 7).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1, 1, 0.333333333, 0.666666667, 1, 1, 1]);
        // Key spaces: the workload's (0) at the cache, the database and both queues; none at a client, balancer, service or worker.
        expect(col(p.space)).toEqual([-1, -1, -1, -1, 0, 0, 0, -1, 0]);
        expect(p.spaces).toEqual([{ keys: 1000, zipf: 0.8 }]);
        expect(p.entries).toEqual([{ node: 0, share: 1, readShare: 0.9, flow: -1 }]);
        expect([...p.deadLetterEntry]).toEqual([[7, 8]]);
        expect(p.truncated).toBe(false);
        // No flows: a store's own write ratio would apply, and this one states none.
        expect(col(p.writeShare).every(Number.isNaN)).toBe(true);
    });

    it('splits a spreader by its weights, marks [read]/[write] below a call, counts [xN] and [P%], and gives each own key space an index', async () => {
        const m = await model(`system F {
  workload { rps 100 keys 1000 }
  client u
  loadbalancer lb { algorithm weighted_round_robin weights [3, 1] }
  service a { }
  service b { }
  database d1 { keys 50 zipf 1.2 write_ratio 0.25 }
  database d2 { keys 70 }
  cdn edge { }
  u -> lb
  lb -> a
  lb -> b
  a -> d1 [x3 read]
  a -> d2 [25%, write]
  b -> edge
  b -> d1 [x200000]
}`);
        const p = compile(m);
        // Nodes: 0 u, 1 lb, 2 a, 3 d1, 4 d2, 5 b, 6 edge, 7 d1.
        expect(col(p.comp)).toEqual([0, 1, 2, 4, 5, 3, 6, 4]);
        expect(col(p.behaviour)).toEqual([PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, CDN, PLAIN]);
        // The balancer picks a (3/4) or b.
        expect(col(p.cumWeight).slice(p.childStart[1], p.childStart[1] + 2)).toEqual([0.75, 1]);
        expect(col(p.next)).toEqual([END, END, 3, 4, END, 6, 7, END]);
        expect(col(p.skip)).toEqual([END, END, END, 4, END, END, 7, END]);
        expect(col(p.count)).toEqual([1, 1, 1, 3, 1, 1, 1, MAX_CALLS]);
        expect(col(p.share)).toEqual([1, 1, 1, 1, 0.25, 1, 1, 1]);
        expect(col(p.access)).toEqual([BASE, BASE, BASE, READS, WRITES, BASE, BASE, BASE]);
        // Own key spaces in order of layout: d1's is 1, d2's is 2; the CDN looks keys up in the workload's.
        expect(col(p.space)).toEqual([-1, -1, -1, 1, 2, -1, 0, 1]);
        expect(p.spaces).toEqual([{ keys: 1000, zipf: 0 }, { keys: 50, zipf: 1.2 }, { keys: 70, zipf: 0 }]);
        // No flows: d1's own write ratio applies wherever d1 is.
        expect(col(p.writeShare).map((x) => (Number.isNaN(x) ? null : x))).toEqual([null, null, null, 0.25, null, null, null, 0.25]);
        // More calls than MAX_CALLS are cut to it, and the run says its routes were cut.
        expect(p.truncated).toBe(true);
    });

    it('enters at each flow with its share and read share, and passes [read] down to what the call calls', async () => {
        const m = await model(`system G {
  workload { rps 100 }
  client u
  service api { }
  service s { }
  database db { write_ratio 0.5 }
  flow browse 75% read : u -> api -> s [read] -> db
  flow buy 25% write : u -> api -> db
}`);
        const p = compile(m);
        expect(p.entries.map((e) => [e.share, e.readShare, e.flow])).toEqual([[0.75, 1, 0], [0.25, 0, 1]]);
        const browse = p.entries[0].node, buy = p.entries[1].node;
        // browse: u, api, s, db; buy: u, api, db.
        expect(col(p.comp).slice(browse, browse + 4)).toEqual([0, 1, 2, 3]);
        expect(col(p.access).slice(browse, browse + 4)).toEqual([BASE, BASE, READS, READS]);
        expect(col(p.comp).slice(buy, buy + 3)).toEqual([0, 1, 3]);
        // With flows a store's own write ratio does not apply: the flow says.
        expect(col(p.writeShare).every(Number.isNaN)).toBe(true);
    });

    it('takes a guarded hop\'s timeout and retries, and the default backoff of 10 ms', async () => {
        const m = await model(`system R {
  workload { rps 10 }
  client u
  service a { }
  service b { }
  u -> a
  a -> b : http { timeout 500ms retries 100 }
}`);
        const p = compile(m);
        expect([p.hop[2], p.timeoutS[2], p.retries[2], p.backoffS[2]]).toEqual([GUARDED_HOP, 0.5, 100, 0.01]);
    });

    it('copies shared nodes per path, and stops at MAX_NODES with truncated set', async () => {
        expect(MAX_NODES).toBe(200_000);
        // A diamond chain: each of 20 levels calls both of the next level's two services: 2^20 paths, far past the cap.
        const levels = 20;
        const comps = Array.from({ length: levels }, (_, i) => `service a${i} { }\n  service b${i} { }`).join('\n  ');
        const edges = Array.from({ length: levels - 1 }, (_, i) => `a${i} -> a${i + 1}\n  a${i} -> b${i + 1}\n  b${i} -> a${i + 1}\n  b${i} -> b${i + 1}`).join('\n  ');
        const m = await model(`system D {
  workload { rps 10 }
  client u
  ${comps}
  u -> a0
  ${edges}
}`);
        const p = compile(m);
        expect(p.truncated).toBe(true);
        expect(p.size).toBe(MAX_NODES);
    });

    it('follows calls 64 deep past the entry and no deeper', async () => {
        // u -> s0 -> … -> s69: the client is depth 0, s_i depth i + 1; a node at depth 64 still calls, one at 65 does not.
        const names = Array.from({ length: 70 }, (_, i) => `s${i}`);
        const m = await model(`system C {
  workload { rps 10 }
  client u
  ${names.map((n) => `service ${n} { }`).join('\n  ')}
  u -> ${names.join(' -> ')}
}`);
        const p = compile(m);
        expect(p.size).toBe(66);
        expect(p.truncated).toBe(true);
        const short = compile(await model(`system C {
  workload { rps 10 }
  client u
  ${names.slice(0, 64).map((n) => `service ${n} { }`).join('\n  ')}
  u -> ${names.slice(0, 64).join(' -> ')}
}`));
        expect([short.size, short.truncated]).toEqual([65, false]);
    });

    it('gives a dead-letter queue one route however many queues send to it', async () => {
        const m = await model(`system L {
  workload { rps 10 }
  client u
  service a { }
  queue q1 { retries 1 dead_letter dlq }
  queue q2 { retries 1 dead_letter dlq }
  queue dlq
  worker w { consumes q1 }
  worker x { consumes q2 }
  u -> a -> q1 : async
  a -> q2 : async
}`);
        const p = compile(m);
        // Nodes u, a, q1, w, q2, x; then dlq's own route once, node 6, keyed by dlq's component index (u 0, a 1, q1 2, q2 3, dlq 4).
        expect(p.size).toBe(7);
        expect([...p.deadLetterEntry]).toEqual([[4, 6]]);
    });

    it('makes up to MAX_CALLS calls without cutting the routes', async () => {
        const m = await model(`system X {
  workload { rps 10 }
  client u
  service a { }
  service b { }
  u -> a -> b [x100000]
}`);
        const p = compile(m);
        expect([p.count[2], p.truncated]).toEqual([MAX_CALLS, false]);
    });
});
