/** Service stations: replica units, the FIFO of ids, service-time shapes and the balancer's pick, against hand-worked sequences and laws. */
import { describe, expect, it } from 'vitest';
import type { ArchComponent, LatencyModel, LoadBalancerSpec } from '../../language-server/model/types.js';
import { Fifo, MAX_UNITS, Pool, Station, unitsOf } from '../../language-server/simulation/stations.js';
import { Rng } from '../../language-server/simulation/random.js';

type Algorithm = LoadBalancerSpec['algorithm'];

/** A station of `n` per-replica pools behind a balancer. */
function balanced(n: number, algorithm: Algorithm, weights: number[] = [], activePassive = false): Station {
    return new Station(0, n, true, 1, { kind: 'exponential', meanS: 0.01 }, algorithm, activePassive, weights);
}

/** The replica indexes of `count` picks. */
function picks(s: Station, count: number, rng = new Rng(1), key = () => 0): number[] {
    return Array.from({ length: count }, () => s.pick(rng, key()).replica);
}

describe('unitsOf', () => {
    it('is the whole number of replicas, at least 1 and at most 1024', () => {
        const units = (replicas: number) => unitsOf({ replicas } as ArchComponent); // only `replicas` is read
        expect(MAX_UNITS).toBe(1024);
        expect([units(0), units(0.5), units(1), units(2.7), units(1024), units(1025), units(1e9)]).toEqual([1, 1, 1, 2, 1024, 1024, 1024]);
    });
});

describe('Fifo', () => {
    it('is first in, first out across growth with its head anywhere in the ring', () => {
        const rng = new Rng(3), q = new Fifo(), ref: number[] = [], wrong: string[] = [];
        let n = 0;
        for (let step = 0; step < 6000; step++) {
            const pushing = step < 3000 ? rng.next() < 0.6 : rng.next() < 0.3;
            if (pushing) { q.push(n); ref.push(n); n++; }
            else if (ref.length) {
                if (q.peek() !== ref[0]) wrong.push(`step ${step}: peek ${q.peek()} vs ${ref[0]}`);
                const got = q.shift(), want = ref.shift();
                if (got !== want) wrong.push(`step ${step}: shift ${got} vs ${want}`);
            }
            if (q.length !== ref.length) wrong.push(`step ${step}: length`);
        }
        expect(wrong).toEqual([]);
        expect(n).toBeGreaterThan(1000);
    });

    it('keeps the order when it grows with the ring wrapped', () => {
        const q = new Fifo();
        for (let i = 0; i < 10; i++) { q.push(-1); q.shift(); }
        for (let i = 0; i < 40; i++) q.push(i);
        const out: number[] = [];
        while (q.length) out.push(q.shift());
        expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });
});

describe('Station pools', () => {
    it('has one pool per replica unit behind a balancer, each with its servers and replica index', () => {
        const s = new Station(7, 3, true, 4, { kind: 'const', meanS: 0.2 }, 'round_robin', false, []);
        expect(s.pools.map((p) => [p.servers, p.replica, p.ewma, p.station === s])).toEqual([[4, 0, 0.2, true], [4, 1, 0.2, true], [4, 2, 0.2, true]]);
        const p = s.pools[0];
        expect([p.busy, p.busyTime, p.completions, p.applied, p.down, p.excluded, p.epoch, p.id, p.line.length]).toEqual([0, 0, 0, 0, false, false, 0, -1, 0]);
        expect(s.comp).toBe(7);
        // What setup fills in later starts empty: no queue sources, no replica to record, shard 0, writes as fast as reads.
        expect([s.sources, s.setsReplica, s.shard, s.writeScale]).toEqual([[], false, 0, 1]);
    });

    it('has one shared pool of units × servers without a balancer (M/M/c), replica -1', () => {
        const s = new Station(0, 3, false, 4, { kind: 'exponential', meanS: 0.5 }, undefined, false, []);
        expect(s.pools.map((p) => [p.servers, p.replica, p.ewma])).toEqual([[12, -1, 0.5]]);
    });

    it('starts a pool with its EWMA at the mean service time, 0 without a latency', () => {
        expect(new Pool(new Station(0, 1, false, 1, undefined, undefined, false, []), 2, 0, 0.3).ewma).toBe(0.3);
        expect(new Station(0, 2, true, 1, undefined, 'round_robin', false, []).pools.map((p) => p.ewma)).toEqual([0, 0]);
    });
});

describe('Station.sample', () => {
    const station = (latency: LatencyModel | undefined) => new Station(0, 1, false, 1, latency, undefined, false, []);

    it('is instant (0 s) without a latency or with a mean that is not positive', () => {
        for (const latency of [undefined, { kind: 'exponential', meanS: 0 }, { kind: 'const', meanS: -1 }, { kind: 'exponential', meanS: NaN }] as (LatencyModel | undefined)[]) {
            const s = station(latency);
            expect(s.instant, JSON.stringify(latency)).toBe(true);
            expect(s.sample(new Rng(1))).toBe(0);
        }
        expect(station({ kind: 'exponential', meanS: 1e-6 }).instant).toBe(false);
    });

    it('draws the constant mean every time for a const latency', () => {
        const s = station({ kind: 'const', meanS: 0.25 }), rng = new Rng(2);
        expect(new Set(Array.from({ length: 100 }, () => s.sample(rng)))).toEqual(new Set([0.25]));
    });

    it('draws an exponential: sample mean and P(X > mean) = e^-1 within 4 standard errors', () => {
        const s = station({ kind: 'exponential', meanS: 0.2 }), rng = new Rng(3), n = 40_000;
        let sum = 0, above = 0;
        for (let i = 0; i < n; i++) { const x = s.sample(rng); sum += x; if (x > 0.2) above++; }
        // The exponential's standard deviation equals its mean: standard error 0.2 / √n.
        expect(Math.abs(sum / n - 0.2)).toBeLessThan(4 * 0.2 / Math.sqrt(n));
        const p = Math.exp(-1);
        expect(Math.abs(above / n - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / n));
    });

    it('draws a lognormal: the logs have mean mu and standard deviation sigma', () => {
        const mu = Math.log(0.05), sigma = 0.8;
        const s = station({ kind: 'lognormal', meanS: Math.exp(mu + sigma * sigma / 2), p50S: 0.05, p99S: 0.3, mu, sigma });
        const rng = new Rng(4), n = 40_000;
        let sum = 0, sq = 0;
        for (let i = 0; i < n; i++) { const y = Math.log(s.sample(rng)); sum += y; sq += y * y; }
        const mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
        expect(Math.abs(mean - mu)).toBeLessThan(4 * sigma / Math.sqrt(n));
        // The sample variance's standard error is σ²√(2/n); on σ that is about σ/√(2n).
        expect(Math.abs(sd - sigma)).toBeLessThan(4 * sigma / Math.sqrt(2 * n));
    });
});

describe('Station.pick', () => {
    it('always gives the only pool, even excluded', () => {
        const s = new Station(0, 5, false, 1, undefined, undefined, false, []);
        s.pools[0].excluded = true;
        expect(s.pick(new Rng(1), 3)).toBe(s.pools[0]);
    });

    it('round robin: replicas 1, 2, 0, 1, … skipping excluded ones', () => {
        const s = balanced(3, 'round_robin');
        expect(picks(s, 6)).toEqual([1, 2, 0, 1, 2, 0]);
        s.pools[2].excluded = true;
        expect(picks(s, 4)).toEqual([1, 0, 1, 0]);
    });

    it('picks uniformly among all pools when every one is excluded', () => {
        for (const algorithm of ['round_robin', 'least_connections', 'ip_hash'] as Algorithm[]) {
            const s = balanced(4, algorithm);
            for (const p of s.pools) p.excluded = true;
            const counts = [0, 0, 0, 0];
            for (const r of picks(s, 4000, new Rng(5), () => 7)) counts[r]++;
            // Binomial(4000, 1/4): standard deviation ≈ 27; 4 of them ≈ 110.
            for (const c of counts) expect(Math.abs(c - 1000), `${algorithm} ${counts}`).toBeLessThan(110);
        }
    });

    it('active-passive: the first usable pool, whatever the algorithm', () => {
        const s = balanced(3, 'random', [], true);
        expect(picks(s, 3)).toEqual([0, 0, 0]);
        s.pools[0].excluded = true;
        expect(picks(s, 3)).toEqual([1, 1, 1]);
    });

    it('random: uniform over the usable pools, never an excluded one', () => {
        const s = balanced(4, 'random');
        s.pools[1].excluded = true;
        const counts = [0, 0, 0, 0];
        for (const r of picks(s, 3000, new Rng(6))) counts[r]++;
        expect(counts[1]).toBe(0);
        // Binomial(3000, 1/3): standard deviation ≈ 26.
        for (const r of [0, 2, 3]) expect(Math.abs(counts[r] - 1000), String(counts)).toBeLessThan(105);
    });

    it('random: not a cycle, the same pool twice in a row a third of the time', () => {
        const seq = picks(balanced(3, 'random'), 3001, new Rng(8));
        let repeats = 0;
        for (let i = 1; i < seq.length; i++) if (seq[i] === seq[i - 1]) repeats++;
        // 3000 pairs, each a repeat with probability 1/3: standard deviation ≈ 26. A rotation never repeats.
        expect(Math.abs(repeats - 1000)).toBeLessThan(105);
    });

    it('ip_hash: one client key always to one pool, keys spread evenly, the next usable pool when its own is excluded', () => {
        const s = balanced(4, 'ip_hash');
        const rng = new Rng(7);
        const home = (key: number) => s.pick(rng, key).replica;
        const counts = [0, 0, 0, 0];
        for (let key = 0; key < 4000; key++) {
            const r = home(key);
            expect(home(key)).toBe(r);
            counts[r]++;
        }
        for (const c of counts) expect(Math.abs(c - 1000), String(counts)).toBeLessThan(110);
        // Keys whose pool is 2: with 2 excluded they move to 3; with 2 and 3 excluded, round to 0.
        const ofTwo = Array.from({ length: 200 }, (_, k) => k).filter((k) => home(k) === 2);
        expect(ofTwo.length).toBeGreaterThan(20);
        s.pools[2].excluded = true;
        expect(new Set(ofTwo.map(home))).toEqual(new Set([3]));
        s.pools[3].excluded = true;
        expect(new Set(ofTwo.map(home))).toEqual(new Set([0]));
    });

    it("weighted round robin is nginx's smooth sequence: weights 5, 1, 1 give a a b a c a a", () => {
        const s = balanced(3, 'weighted_round_robin', [5, 1, 1]);
        expect(picks(s, 14)).toEqual([0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0]);
    });

    it('weighted round robin: missing weights are 1, excluded pools are left out of the cycle', () => {
        // Weights 2, 1 (default), 1 (default): current weights go (2,1,1) → a: (-2,1,1); (0,2,2) → b: (0,-2,2); (2,-1,3) → c: (2,-1,-1); then again.
        const s = balanced(3, 'weighted_round_robin', [2]);
        expect(picks(s, 8)).toEqual([0, 1, 2, 0, 0, 1, 2, 0]);
        const t = balanced(3, 'weighted_round_robin', [3, 2, 1]);
        t.pools[0].excluded = true;
        // Weights 2 and 1 between b and c: (2,1) → b (-1,1); (1,2) → c (1,-1); (3,0) → b (0,0); repeat: b c b.
        expect(picks(t, 6)).toEqual([1, 2, 1, 1, 2, 1]);
    });

    it('weighted round robin: a pool excluded keeps its current weight out of the running', () => {
        // Weights 1, 3, 1: (1,3,1) → b: (1,-2,1); (2,1,2) → a: (-3,1,2). Then b is excluded with current weight 1,
        // and a and c share the total 2: (-2,·,3) → c: (-2,·,1); (-1,·,2) → c: (-1,·,0); (0,·,1) → c: (0,·,-1);
        // (1,·,0) → a: (-1,·,0); (0,·,1) → c: (0,·,-1); (1,·,0) → a.
        const s = balanced(3, 'weighted_round_robin', [1, 3, 1]);
        expect(picks(s, 2)).toEqual([1, 0]);
        s.pools[1].excluded = true;
        expect(picks(s, 6)).toEqual([2, 2, 2, 0, 2, 0]);
    });

    it('least connections and least bandwidth: the fewest busy plus waiting, ties taken round from a moving start', () => {
        for (const algorithm of ['least_connections', 'least_bandwidth'] as Algorithm[]) {
            const s = balanced(3, algorithm);
            s.pools[0].busy = 2; s.pools[1].busy = 1; s.pools[1].line.push(9); s.pools[1].line.push(9); s.pools[2].busy = 2;
            // Loads 2, 3, 2: pools 0 and 2 tie; the start moves to 1, then 2, then 0, …: the first tied pool from there.
            expect(picks(s, 4), algorithm).toEqual([2, 2, 0, 2]);
            s.pools[2].excluded = true;
            expect(picks(s, 3), algorithm).toEqual([0, 0, 0]);
        }
    });

    it('least response time: the lowest (busy + waiting + 1) × EWMA', () => {
        const s = balanced(3, 'least_response_time');
        // Scores: (0+1)×0.5 = 0.5, (3+1)×0.1 = 0.4, (1+1)×0.3 = 0.6 → pool 1, though it is the busiest.
        s.pools[0].ewma = 0.5; s.pools[1].ewma = 0.1; s.pools[1].busy = 3; s.pools[2].ewma = 0.3; s.pools[2].busy = 1;
        expect(picks(s, 3)).toEqual([1, 1, 1]);
        s.pools[1].ewma = 0.2; // (3+1)×0.2 = 0.8: now pool 0
        expect(picks(s, 2)).toEqual([0, 0]);
    });

    it('least response time counts waiting requests as busy ones', () => {
        const s = balanced(2, 'least_response_time');
        // Pool 0: (0+0+1)×0.45 = 0.45. Pool 1, 1 busy and 3 waiting: (1+3+1)×0.1 = 0.5 → pool 0.
        s.pools[0].ewma = 0.45; s.pools[1].ewma = 0.1; s.pools[1].busy = 1;
        for (const id of [5, 6, 7]) s.pools[1].line.push(id);
        expect(picks(s, 2)).toEqual([0, 0]);
        s.pools[1].line.shift(); // 2 waiting: (1+2+1)×0.1 = 0.4 → pool 1
        expect(picks(s, 2)).toEqual([1, 1]);
    });
});
