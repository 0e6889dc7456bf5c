/** Closed forms against textbook values: Erlang C, M/M/c response time, station models. */
import { describe, expect, it } from 'vitest';
import { erlangC, lognormalTail, mmcResponsePercentile, mmcResponseTail, mmcResponseTime, serviceCs2, stationTime } from '../../language-server/analysis/queueing.js';

describe('Erlang C and M/M/c', () => {
    it('matches known values', () => {
        expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = ρ
        expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
        expect(erlangC(4, 3)).toBeCloseTo(0.5094, 4);
        expect(erlangC(10, 8)).toBeCloseTo(0.4092, 4);
        expect(erlangC(3, 3)).toBe(1);
        expect(erlangC(Infinity, 5)).toBe(0);
        expect(erlangC(1e6, 10)).toBe(0);
    });

    it('gives M/M/1 and M/M/c response times', () => {
        expect(mmcResponseTime(900, 1000, 1)).toBeCloseTo(0.01, 12);
        expect(mmcResponseTime(3000, 1000, 4)).toBeCloseTo(0.001 + 0.5094 / 1000, 6);
        expect(mmcResponseTime(1000, 1000, 1)).toBe(Infinity);
        // M/M/1 response is exponential with rate μ − λ: its median is ln 2 / (μ − λ).
        expect(mmcResponsePercentile(0.5, 900, 1000, 1)).toBeCloseTo(Math.LN2 / 100, 8);
    });

    it('builds stations: M/M/c exactly, M/D/1 by Pollaczek–Khinchine, E_R/M/1 by its root', () => {
        expect(stationTime(3000, 4, { meanS: 0.001, kind: 'exponential' }).mean).toBeCloseTo(mmcResponseTime(3000, 1000, 4), 12);
        // M/D/1: W = ρ S / (2 (1 − ρ)).
        expect(stationTime(800, 1, { meanS: 0.001, kind: 'const' }).mean).toBeCloseTo(0.001 + (0.8 * 0.001) / 0.4, 12);
        // E2/M/1 at ρ = 0.5: σ solves σ = (1 / (2 − σ))², σ = (3 − √5) / 2.
        const sigma = (3 - Math.sqrt(5)) / 2;
        expect(stationTime(500, 1, { meanS: 0.001, kind: 'exponential' }, { ca2: 0.5 }).mean).toBeCloseTo(0.001 / (1 - sigma), 9);
        const tail = stationTime(900, 1, { meanS: 0.001, kind: 'exponential' }).tail;
        expect(tail(0.01)).toBeCloseTo(Math.exp(-1), 9);
    });
});

/** Erlang C from its definition, (Aᶜ/c!·c/(c−A)) / (Σ_{k<c} Aᵏ/k! + Aᶜ/c!·c/(c−A)), summed in logs: not the code's Erlang B recursion. */
function erlangCByDefinition(c: number, a: number): number {
    const logs = [0];
    for (let k = 1; k <= c; k++) logs.push(logs[k - 1] + Math.log(a) - Math.log(k));
    const logWaiting = logs[c] + Math.log(c / (c - a));
    const top = Math.max(logWaiting, ...logs);
    let below = 0;
    for (let k = 0; k < c; k++) below += Math.exp(logs[k] - top);
    const waiting = Math.exp(logWaiting - top);
    return waiting / (below + waiting);
}

describe('Erlang C against its definition', () => {
    it.each([[1, 0.3], [2, 1.5], [5, 4.5], [50, 40], [150, 100], [1000, 990]])('c = %d, A = %d', (c, a) => {
        expect(erlangC(c, a) / erlangCByDefinition(c, a)).toBeCloseTo(1, 9);
    });
});

describe('M/M/c edges', () => {
    it('answers the service time with no traffic or endless servers, Infinity at or past saturation', () => {
        expect(mmcResponseTime(0, 1000, 2)).toBeCloseTo(0.001, 15);
        expect(mmcResponseTime(5000, 1000, Infinity)).toBeCloseTo(0.001, 15);
        expect(mmcResponseTime(1500, 1000, 1)).toBe(Infinity);
        expect(mmcResponsePercentile(0.5, 1000, 1000, 1)).toBe(Infinity);
        expect(mmcResponsePercentile(0.5, 1500, 1000, 1)).toBe(Infinity);
        // Endless servers: no wait, the response is the Exp(μ) service, median ln 2 / μ.
        expect(mmcResponsePercentile(0.5, 5000, 1000, Infinity)).toBeCloseTo(Math.LN2 / 1000, 9);
    });

    it('has the Erlang-2 tail when the wait rate cμ − λ equals μ', () => {
        // c = 2, λ = μ = 1000: C = 1/3, wait ~ Exp(1000) like the service, so a waiting request's
        // response is Erlang-2: P(R > t) = ⅔·e^{−μt} + ⅓·(1 + μt)·e^{−μt} = (4/3)/e at t = 1 ms.
        expect(mmcResponseTail(0.001, 1000, 1000, 2)).toBeCloseTo(4 / 3 / Math.E, 9);
        expect(stationTime(1000, 2, { meanS: 0.001, kind: 'exponential' }).tail(0.001)).toBeCloseTo(4 / 3 / Math.E, 9);
        expect(mmcResponseTail(-1, 900, 1000, 1)).toBe(1);
    });
});

describe('station models', () => {
    const exp1ms = { meanS: 0.001, kind: 'exponential' } as const;
    const const1ms = { meanS: 0.001, kind: 'const' } as const;

    it('gives the M/M/1 response its exponential variance and an idle station its service alone', () => {
        // M/M/1 response ~ Exp(μ − λ) = Exp(100): variance 1/100².
        expect(stationTime(900, 1, exp1ms).variance).toBeCloseTo(1e-4, 12);
        const idle = stationTime(0, 1, { meanS: 0.002, kind: 'exponential' });
        expect(idle.variance).toBeCloseTo(4e-6, 15);
        expect(idle.tail(0.002)).toBeCloseTo(Math.exp(-1), 12);
        expect(idle.tail(-1)).toBe(1);
        expect(stationTime(0, 1, const1ms).tail(0.002)).toBe(0);
    });

    it('waits by Allen–Cunneen where no closed form applies', () => {
        // Two exponential servers, A = 1, C = 1/3, c_a² = 0.5: W = (1/3)/(2000 − 1000)·(0.5 + 1)/2 = 0.25 ms.
        expect(stationTime(1000, 2, exp1ms, { ca2: 0.5 }).mean).toBeCloseTo(0.00125, 12);
        // One constant server, ρ = 0.5, c_a² = 0.5: W = 0.5/(1000 − 500)·(0.5 + 0)/2 = 0.25 ms.
        expect(stationTime(500, 1, const1ms, { ca2: 0.5 }).mean).toBeCloseTo(0.00125, 12);
    });

    it('shortens the wait by K(1 − r)/(1 − r^K) when arrivals join the shorter of K queues', () => {
        // Exponential, c = 2, ρ = 0.5: shared wait (1/3)/1000 s, r = ρ = 0.5, factor 2·0.5/(1 − 0.25) = 4/3.
        expect(stationTime(1000, 2, exp1ms, { shortestOf: 2 }).mean).toBeCloseTo(0.001 + 4 / 9000, 12);
        // Constant, c = 2, ρ = 0.5: shared wait (1/3)/1000·½ s, r = 0.5/(2 − 0.5) = 1/3, factor 2·(2/3)/(8/9) = 1.5.
        expect(stationTime(1000, 2, const1ms, { shortestOf: 2 }).mean).toBeCloseTo(0.00125, 12);
        expect(stationTime(1000, 2, exp1ms, { shortestOf: 1 }).mean).toBeCloseTo(mmcResponseTime(1000, 1000, 2), 12);
    });

    it('grows an overloaded backlog over the run: the completion at t waited t(1 − 1/ρ)', () => {
        // ρ = 2: the mean wait over a 10 s run is (1 − ½)·10/2 = 2.5 s; 15 s over the default 60 s.
        expect(stationTime(2000, 1, exp1ms, { durationS: 10 }).mean).toBeCloseTo(2.501, 12);
        expect(stationTime(2000, 1, exp1ms).mean).toBeCloseTo(15.001, 12);
    });

    it('has the M/D/1 tail: the service, then an exponential wait of rate P(wait)/W', () => {
        // ρ = 0.8: P(wait) = 0.8, W = 0.8/(1000 − 800)·½ = 2 ms, rate 0.8/0.002 = 400 /s.
        const tail = stationTime(800, 1, const1ms).tail;
        expect(tail(0.0005)).toBe(1);
        expect(tail(0.001)).toBeCloseTo(0.8, 12);
        expect(tail(0.0035)).toBeCloseTo(0.8 / Math.E, 12);
    });

    it('keeps an idle lognormal service exactly: median S·e^{−σ²/2}, P(Z > ±1) one σ either side', () => {
        const S = 0.01;
        expect(serviceCs2({ meanS: S, kind: 'lognormal', sigma: 1 })).toBeCloseTo(Math.E - 1, 12);
        expect(serviceCs2({ meanS: S, kind: 'lognormal' })).toBe(0);
        const station = stationTime(0, 1, { meanS: S, kind: 'lognormal', sigma: 1 });
        expect(station.variance).toBeCloseTo((Math.E - 1) * S * S, 15);
        const median = S * Math.exp(-0.5);
        expect(station.tail(median)).toBeCloseTo(0.5, 6);
        expect(station.tail(median * Math.E)).toBeCloseTo(0.158655254, 6);
        expect(station.tail(median / Math.E)).toBeCloseTo(0.841344746, 6);
    });

    it('fits a point mass when there is no variance, and nothing to a zero mean', () => {
        const point = lognormalTail(0.01, 0);
        expect([point(0.005), point(0.01), point(0.02)]).toEqual([1, 0, 0]);
        expect(lognormalTail(0, 1)(1)).toBe(0);
        expect(lognormalTail(0.01, 1e-4)(-1)).toBe(1);
    });
});
