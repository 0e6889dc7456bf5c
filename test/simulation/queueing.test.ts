/** Closed forms against textbook values: Erlang C, M/M/c response time, station models. */
import { describe, expect, it } from 'vitest';
import { erlangC, mmcResponsePercentile, mmcResponseTime, stationTime } from '../../language-server/analysis/queueing.js';

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
