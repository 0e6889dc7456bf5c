/** The future-event list against a brute-force sorted list: earliest time first, ties in scheduling order. */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../language-server/simulation/event-queue.js';
import { Rng } from '../../language-server/simulation/random.js';

/** The reference: a plain array of (time, sequence, payload), its minimum found by a scan. */
class ListQueue {
    private items: { t: number; s: number; d: number }[] = [];
    private seq = 0;
    push(t: number, d: number): void { this.items.push({ t, s: this.seq++, d }); }
    private first(): number {
        let best = 0;
        for (let i = 1; i < this.items.length; i++) {
            const a = this.items[i], b = this.items[best];
            if (a.t < b.t || (a.t === b.t && a.s < b.s)) best = i;
        }
        return best;
    }
    peek(): { t: number; d: number } | undefined { return this.items.length ? this.items[this.first()] : undefined; }
    take(): void { this.items.splice(this.first(), 1); }
    get size(): number { return this.items.length; }
    payloads(): number[] { return this.items.map((x) => x.d).sort((a, b) => a - b); }
}

describe('EventQueue', () => {
    it('is empty at first: size 0 and earliest time Infinity', () => {
        const q = new EventQueue();
        expect(q.size).toBe(0);
        expect(q.peekTime()).toBe(Infinity);
    });

    it('pops in (time, insertion) order, ties in scheduling order', () => {
        const q = new EventQueue(2);
        // Times with ties: payloads 1, 3, 5 share time 2 and must come out in that order.
        const pushes: [number, number][] = [[2, 1], [1, 2], [2, 3], [0.5, 4], [2, 5], [3, 6], [1, 7]];
        for (const [t, d] of pushes) q.push(t, d);
        expect(q.size).toBe(7);
        const out: [number, number][] = [];
        while (q.size) { out.push([q.peekTime(), q.peekData()]); q.take(); }
        expect(out).toEqual([[0.5, 4], [1, 2], [1, 7], [2, 1], [2, 3], [2, 5], [3, 6]]);
        expect(q.peekTime()).toBe(Infinity);
    });

    it('matches a brute-force list over random interleavings of push and take, growing past its initial size', () => {
        for (const seed of [1, 2, 3]) {
            const rng = new Rng(seed), q = new EventQueue(4), ref = new ListQueue();
            let payload = 0;
            for (let step = 0; step < 3000; step++) {
                const r = rng.next();
                if (r < 0.55 || ref.size === 0) {
                    // Few distinct times (multiples of 1/8) make ties common.
                    const t = rng.int(40) / 8;
                    q.push(t, payload); ref.push(t, payload); payload++;
                } else if (r < 0.95) {
                    const want = ref.peek()!;
                    expect([q.peekTime(), q.peekData()]).toEqual([want.t, want.d]);
                    q.take(); ref.take();
                } else {
                    const seen: number[] = [];
                    q.forEach((_t, d) => seen.push(d));
                    expect(seen.sort((a, b) => a - b)).toEqual(ref.payloads());
                }
                expect(q.size).toBe(ref.size);
            }
        }
    });

    it('a push right after a take replaces the taken root (the lazy removal)', () => {
        const q = new EventQueue(), ref = new ListQueue();
        for (const t of [5, 1, 4, 2, 8, 7, 3, 6, 9]) { q.push(t, t * 10); ref.push(t, t * 10); }
        for (const t of [2.5, 10, 0.5, 4, 4, 1]) {
            q.take(); ref.take();
            q.push(t, t * 100); ref.push(t, t * 100);
            const want = ref.peek()!;
            expect([q.peekTime(), q.peekData(), q.size]).toEqual([want.t, want.d, ref.size]);
        }
    });
});
