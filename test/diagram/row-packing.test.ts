/**
 * Rows of boxes shaped like the view (row-packing.ts): every link goes down a row, no row is
 * wider than asked, and the packing chosen fits the view as large as the best of every
 * possible row count, found by brute force.
 */
import { describe, expect, it } from 'vitest';
import { bestPacking, packRows, type PackItem } from '../../language-server/diagram/row-packing.js';
import { random } from '../../bench/diagram-models.js';

const GAPS = { item: 40, row: 48, track: 6 };
const NONE = { width: 0, height: 0 };

function randomCase(seed: number): { items: PackItem[]; links: [number, number][] } {
    const rnd = random(seed);
    const items = Array.from({ length: 3 + Math.floor(rnd() * 12) }, (_, i) => ({ id: `b${i}`, width: 50 + Math.floor(rnd() * 900), height: 30 + Math.floor(rnd() * 500) }));
    const links: [number, number][] = [];
    for (let k = 0; k < items.length; k++) links.push([Math.floor(rnd() * items.length), Math.floor(rnd() * items.length)]);
    return { items, links };
}

describe('row packing', () => {
    it('puts every linked pair in different rows, the later one below, and keeps rows within the width', () => {
        for (let seed = 1; seed <= 200; seed++) {
            const { items, links } = randomCase(seed);
            const limit = 400 + seed * 10;
            const row = packRows(items, links, limit, GAPS);
            for (const [a, b] of links) if (a !== b) expect(row[a], `seed ${seed}: ${a} -> ${b}`).not.toBe(row[b]);
            // Links that close no cycle point down.
            const acyclic = links.filter(([a, b]) => a < b);
            const forward = packRows(items, acyclic, limit, GAPS);
            for (const [a, b] of acyclic) expect(forward[a]).toBeLessThan(forward[b]);
            const widths = new Map<number, number[]>();
            row.forEach((r, i) => widths.set(r, [...(widths.get(r) ?? []), items[i].width]));
            for (const ws of widths.values()) {
                if (ws.length > 1) expect(ws.reduce((a, b) => a + b, 0) + GAPS.item * (ws.length - 1)).toBeLessThanOrEqual(limit);
            }
            // No empty row between two used ones.
            expect([...widths.keys()].sort((a, b) => a - b)).toEqual([...widths.keys()].map((_, i) => i));
        }
    });

    it('chooses the row count that fits the view largest, for boxes without links', () => {
        for (const [n, view] of [[9, { width: 1000, height: 1000 }], [8, { width: 1896, height: 1056 }], [20, { width: 1896, height: 1056 }], [5, { width: 500, height: 1500 }]] as const) {
            const items = Array.from({ length: n }, (_, i) => ({ id: `z${i}`, width: 1200, height: 480 }));
            // Brute force: k boxes a row, for every k.
            let best = 0;
            for (let k = 1; k <= n; k++) {
                const rows = Math.ceil(n / k);
                const w = k * 1200 + (k - 1) * GAPS.item, h = rows * 480 + (rows - 1) * GAPS.row;
                best = Math.max(best, Math.min(view.width / w, view.height / h));
            }
            const packing = bestPacking(items, [], view, GAPS, NONE);
            expect(packing.scale, `${n} boxes in ${view.width}×${view.height}`).toBeCloseTo(best, 9);
            expect(packing.rows.flat().sort()).toEqual(items.map((i) => i.id).sort());
        }
    });

    it('leaves room between rows for the links that pass', () => {
        const items = [{ id: 'a', width: 100, height: 100 }, { id: 'b', width: 100, height: 100 }, { id: 'c', width: 100, height: 100 }];
        // a above b above c (a chain), and a -> c past b's row: a -> b and a -> c cross the first gap, b -> c and a -> c the second.
        const packing = bestPacking(items, [[0, 1], [1, 2], [0, 2]], { width: 100, height: 10_000 }, GAPS, NONE);
        expect(packing.rows).toEqual([['a'], ['b'], ['c']]);
        expect(packing.height).toBe(300 + 2 * GAPS.row + 4 * GAPS.track);
    });
});
