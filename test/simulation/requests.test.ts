/** The columns of requests in flight and the compact line of queued messages, against plain-object references. */
import { describe, expect, it } from 'vitest';
import { BACKGROUND, CALL, FLUSH, isFront, MEASURED, MESSAGE, Requests, SUB, WRITE, type JobSpec } from '../../language-server/simulation/requests.js';
import { MessageLine } from '../../language-server/simulation/message-line.js';
import { Rng } from '../../language-server/simulation/random.js';

/** A spec whose every field is a distinct function of `i`, so a field written to the wrong column shows. */
function spec(i: number): JobSpec {
    return {
        node: i + 1, t0: i + 0.25, key: i + 0.5, flags: i % 1000, flow: i + 2, end: i + 3, parent: i + 4, replica: i + 5,
        origin: i + 6, qnode: i + 7, attempts: i + 8, shard: i + 9, space: i + 10, pin: i + 11,
    };
}

/** What `create` stored for `id`, by field. */
function stored(r: Requests, id: number): JobSpec {
    return {
        node: r.node[id], t0: r.t0[id], key: r.key[id], flags: r.flags[id], flow: r.flow[id], end: r.end[id], parent: r.parent[id],
        replica: r.replica[id], origin: r.origin[id], qnode: r.qnode[id], attempts: r.attempts[id], shard: r.shard[id],
        space: r.space[id], pin: r.pin[id],
    };
}

/** The fields `create` resets rather than takes: no resume node, no parts, no collapse, no call. */
function resetFields(r: Requests, id: number): number[] {
    return [r.resume[id], r.pending[id], r.collapseNode[id], r.follower[id], r.call[id], r.deadline[id], r.tries[id]];
}
const RESET = [-1, 0, -1, -1, -1, Infinity, 0];

describe('isFront', () => {
    it("is a client's request unless it is background, a scatter part or a call", () => {
        expect(isFront(0)).toBe(true);
        expect(isFront(WRITE | MEASURED | MESSAGE | FLUSH)).toBe(true);
        for (const f of [BACKGROUND, SUB, CALL, BACKGROUND | WRITE, SUB | MEASURED, CALL | WRITE]) expect(isFront(f), String(f)).toBe(false);
    });
});

describe('Requests', () => {
    it('stores every field of the spec and resets the others', () => {
        const r = new Requests(10);
        const id = r.create(spec(3));
        expect(stored(r, id)).toEqual(spec(3));
        expect(resetFields(r, id)).toEqual(RESET);
        expect(r.live).toBe(1);
    });

    it('hands out ids 0, 1, 2, … up to the cap, then -1, and keeps every column when it grows past 1024', () => {
        const cap = 3000, r = new Requests(cap);
        for (let i = 0; i < cap; i++) {
            expect(r.create(spec(i))).toBe(i);
            // Columns create does not write: set them by hand, they must survive the growth too.
            r.tArr[i] = i * 2; r.pool[i] = i * 3; r.epoch[i] = i * 4;
        }
        expect(r.create(spec(0))).toBe(-1);
        expect(r.live).toBe(cap);
        const wrong: number[] = [];
        for (let i = 0; i < cap; i++) {
            const same = JSON.stringify(stored(r, i)) === JSON.stringify(spec(i)) && resetFields(r, i).join() === RESET.join()
                && r.tArr[i] === i * 2 && r.pool[i] === i * 3 && r.epoch[i] === i * 4;
            if (!same) wrong.push(i);
        }
        expect(wrong).toEqual([]);
        // The columns grew to the cap, not beyond: 1024 → 2048 → 3000.
        expect(r.node.length).toBe(cap);
        // A cap between 1024 and 2048: one growth, to the cap and not to twice 1024.
        const small = new Requests(1500);
        for (let i = 0; i < 1500; i++) small.create(spec(i));
        expect([small.create(spec(0)), small.node.length, small.deadline.length]).toEqual([-1, 1500, 1500]);
    });

    it('reuses released ids, the last released first, and resets what the last job left', () => {
        const r = new Requests(4);
        for (let i = 0; i < 4; i++) r.create(spec(i));
        r.call[1] = 7; r.pending[1] = 3; r.resume[1] = 5; r.collapseNode[1] = 2; r.follower[1] = 2; r.deadline[1] = 9; r.tries[1] = 4;
        r.call[2] = 8;
        r.release(1);
        expect(r.call[1]).toBe(-1);
        r.release(2);
        expect(r.live).toBe(2);
        expect(r.create(spec(20))).toBe(2);
        const again = r.create(spec(21));
        expect(again).toBe(1);
        expect(stored(r, 1)).toEqual(spec(21));
        expect(resetFields(r, 1)).toEqual(RESET);
        expect(r.live).toBe(4);
        expect(r.create(spec(22))).toBe(-1);
    });

    it('tracks the number in flight over random creates and releases, never exceeding the cap', () => {
        const rng = new Rng(5), cap = 1500, r = new Requests(cap);
        const held: number[] = [], isHeld = new Set<number>(), wrong: string[] = [];
        for (let step = 0; step < 8000; step++) {
            if (held.length && rng.next() < 0.45) {
                // Release a random held id (swap-remove from the array).
                const at = Math.floor(rng.next() * held.length), id = held[at];
                held[at] = held[held.length - 1]; held.pop(); isHeld.delete(id);
                r.release(id);
            } else {
                const id = r.create(spec(step));
                if (held.length === cap) { if (id !== -1) wrong.push(`step ${step}: ${id} past the cap`); continue; }
                if (!(id >= 0 && id < cap) || isHeld.has(id)) wrong.push(`step ${step}: id ${id}`);
                else if (JSON.stringify(stored(r, id)) !== JSON.stringify(spec(step))) wrong.push(`step ${step}: fields`);
                held.push(id); isHeld.add(id);
            }
            if (r.live !== held.length) wrong.push(`step ${step}: live ${r.live} vs ${held.length}`);
        }
        expect(wrong).toEqual([]);
    });
});

/** The reference line: a plain array of messages. */
interface Message { key: number; since: number; node: number; attempts: number; flags: number }

function front(line: MessageLine): Message {
    const i = line.head;
    return { key: line.key[i], since: line.since[i], node: line.node[i], attempts: line.attempts[i], flags: line.flags[i] };
}

describe('MessageLine', () => {
    it('is first in, first out across growth, with the head anywhere in the ring', () => {
        const rng = new Rng(9), line = new MessageLine(), ref: Message[] = [], wrong: string[] = [];
        let n = 0;
        for (let step = 0; step < 6000; step++) {
            // Pushes outweigh shifts at first (the ring grows from 16 with its head moved), then shifts drain it.
            const pushing = step < 3000 ? rng.next() < 0.6 : rng.next() < 0.3;
            if (pushing) {
                const m = { key: n + 0.5, since: n * 0.1, node: n % 50_000, attempts: n % 200, flags: n % 60_000 };
                n++;
                line.push(m.key, m.since, m.node, m.attempts, m.flags);
                ref.push(m);
            } else if (ref.length) {
                if (JSON.stringify(front(line)) !== JSON.stringify(ref[0])) wrong.push(`step ${step}: front`);
                line.shift();
                ref.shift();
            }
            if (line.length !== ref.length) wrong.push(`step ${step}: length`);
        }
        expect(wrong).toEqual([]);
        expect(n).toBeGreaterThan(1000);
        while (ref.length) { expect(front(line)).toEqual(ref.shift()); line.shift(); }
        expect(line.length).toBe(0);
    });

    it('keeps the order when it grows with the head past the middle of the ring', () => {
        const line = new MessageLine();
        // Head at 10 of 16: the 16 messages wrap round the end before the 17th doubles the ring.
        for (let i = 0; i < 10; i++) { line.push(i, 0, 0, 0, 0); line.shift(); }
        for (let i = 0; i < 17; i++) line.push(100 + i, i, i, i, i);
        const keys: number[] = [];
        while (line.length) { keys.push(front(line).key); line.shift(); }
        expect(keys).toEqual(Array.from({ length: 17 }, (_, i) => 100 + i));
    });

    it('caps the attempts it stores at 255 (one byte)', () => {
        const line = new MessageLine();
        for (const a of [254, 255, 256, 1000]) line.push(1, 0, 0, a, 0);
        const got: number[] = [];
        while (line.length) { got.push(front(line).attempts); line.shift(); }
        expect(got).toEqual([254, 255, 255, 255]);
    });
});
