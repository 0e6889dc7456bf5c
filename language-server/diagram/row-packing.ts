/**
 * Rows of boxes shaped like the view. A layered layout puts the zones of a system that are
 * reached in parallel side by side in one long layer (or one on top of the other), so a big
 * system becomes a strip that a screen shrinks to illegible text. Here the top-level boxes
 * (zones laid out already, and components outside any zone) are dealt into rows, in
 * topological order so that every link points to a later row, each row at most a width;
 * the width is chosen so that the estimated picture fits the view largest.
 */

/** A box to place: a laid-out zone or a top-level component. */
export interface PackItem { id: string; width: number; height: number }

/** Gaps between boxes in a row, between rows, and per link passing between two rows. */
export interface PackGaps { item: number; row: number; track: number }

/** Rows of item ids, top to bottom, the estimated size of the picture they make, and the zoom that fits it to the view. */
export interface Packing { rows: string[][]; width: number; height: number; scale: number }

/** Items in topological order (links that close a cycle dropped), ties in the given order. */
function topological(items: PackItem[], links: [number, number][]): number[] {
    const out = items.map(() => [] as number[]);
    for (const [a, b] of links) if (a !== b) out[a].push(b);
    const state = new Uint8Array(items.length), kept = items.map(() => [] as number[]);
    for (let start = 0; start < items.length; start++) {
        if (state[start]) continue;
        const stack: [number, number][] = [[start, 0]];
        state[start] = 1;
        while (stack.length) {
            const top = stack[stack.length - 1];
            const next = out[top[0]][top[1]++];
            if (next === undefined) {
                state[top[0]] = 2;
                stack.pop();
            } else if (state[next] !== 1) {
                kept[top[0]].push(next);
                if (!state[next]) {
                    state[next] = 1;
                    stack.push([next, 0]);
                }
            }
        }
    }
    // Longest path from the sources, then the given order.
    const rank = new Array<number>(items.length).fill(0);
    const indegree = new Array<number>(items.length).fill(0);
    kept.forEach((targets) => targets.forEach((t) => indegree[t]++));
    const ready = items.map((_, i) => i).filter((i) => indegree[i] === 0);
    for (let k = 0; k < ready.length; k++) {
        for (const t of kept[ready[k]]) {
            rank[t] = Math.max(rank[t], rank[ready[k]] + 1);
            if (--indegree[t] === 0) ready.push(t);
        }
    }
    return items.map((_, i) => i).sort((a, b) => rank[a] - rank[b] || a - b);
}

/** Rows at most `limit` wide (a wider item gets a row of its own) in which every link goes down a row or more. */
export function packRows(items: PackItem[], links: [number, number][], limit: number, gaps: PackGaps): number[] {
    const neighbours = items.map(() => [] as number[]);
    for (const [a, b] of links) {
        if (a === b) continue;
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    const row = new Array<number>(items.length).fill(-1);
    const used: number[] = [];
    for (const i of topological(items, links)) {
        // Below every linked item placed already: a link never runs along a row.
        let r = Math.max(0, ...neighbours[i].filter((n) => row[n] >= 0).map((n) => row[n] + 1));
        while ((used[r] ?? 0) > 0 && used[r] + gaps.item + items[i].width > limit) r++;
        row[i] = r;
        used[r] = (used[r] ? used[r] + gaps.item : 0) + items[i].width;
    }
    return row;
}

/** The size of the picture `row` makes: rows stacked, with room between them for the links that pass. */
function sizeOf(items: PackItem[], links: [number, number][], row: number[], gaps: PackGaps): { width: number; height: number } {
    const widths: number[] = [], heights: number[] = [];
    items.forEach((item, i) => {
        const r = row[i];
        widths[r] = (widths[r] === undefined ? 0 : widths[r] + gaps.item) + item.width;
        heights[r] = Math.max(heights[r] ?? 0, item.height);
    });
    const passing = new Array<number>(heights.length).fill(0);
    for (const [a, b] of links) for (let r = Math.min(row[a], row[b]); r < Math.max(row[a], row[b]); r++) passing[r]++;
    let height = 0;
    heights.forEach((h, r) => {
        height += h ?? 0;
        if (r < heights.length - 1) height += gaps.row + passing[r] * gaps.track;
    });
    return { width: Math.max(0, ...widths.filter((w) => w !== undefined)), height };
}

/** The rows that fit `view` largest, with `frame` (the picture's margins and header) around them. */
export function bestPacking(items: PackItem[], links: [number, number][], view: { width: number; height: number }, gaps: PackGaps, frame: { width: number; height: number }): Packing {
    const widest = Math.max(0, ...items.map((i) => i.width));
    const total = items.reduce((sum, i) => sum + i.width + gaps.item, 0);
    const STEPS = 48;
    let best: { scale: number; row: number[]; size: { width: number; height: number } } | undefined;
    for (let k = 0; k <= STEPS; k++) {
        const limit = widest + ((total - widest) * k) / STEPS;
        const row = packRows(items, links, limit, gaps);
        const size = sizeOf(items, links, row, gaps);
        // Uncapped: among pictures that all fit at 100%, the one shaped most like the view.
        const scale = Math.min(view.width / (size.width + frame.width), view.height / (size.height + frame.height));
        if (!best || scale > best.scale + 1e-9) best = { scale, row, size };
    }
    const rows: string[][] = [];
    best?.row.forEach((r, i) => (rows[r] ??= []).push(items[i].id));
    return { rows: rows.filter(Boolean), width: best?.size.width ?? 0, height: best?.size.height ?? 0, scale: best?.scale ?? 0 };
}
