/**
 * The `auto` direction: whichever of left-to-right and top-to-bottom draws the diagram larger
 * when fitted to the view. A wide system laid out left to right becomes a strip that a screen
 * shrinks to illegible text; the same system top to bottom may fill it. Up to a size, both
 * directions are laid out and measured; above it the sizes are estimated from the layers the
 * graph will have (longest path, as ELK's layering roughly gives), so a big system costs one
 * layout. A diagram that fits at 100% either way stays left to right, the habit, and an open
 * view keeps its direction unless the other is clearly better (no flipping while typing).
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Direction } from './types.js';
import { ranks } from './fallback-layout.js';

/** A landscape screen, for pictures with no view of their own. */
export const DEFAULT_VIEW = { width: 1920, height: 1080 } as const;

/** Gaps between nodes in a layer and between layers, as the layered options set them. */
export interface Gaps { node: number; layer: number }

/** A width and a height in pixels. */
export interface Size { width: number; height: number }

/** How much larger `down` must draw to be chosen over `right`, and a kept direction over the other. */
const PREFER_RIGHT = 1.05, KEEP = 1.25;

/** The zoom at which `size` fits `view` (with the view's 12 px margins), never above 100%. */
export function fitZoom(size: Size, view: Size): number {
    return Math.min(1, (view.width - 24) / Math.max(size.width, 1), (view.height - 24) / Math.max(size.height, 1));
}

/** Whether a view resized from `before` (none yet) to `after` changed enough (over 5% either way) for `auto` to choose again. */
export function reshaped(before: Size | undefined, after: Size): boolean {
    return !before || Math.abs(Math.log(after.width / before.width)) > 0.05 || Math.abs(Math.log(after.height / before.height)) > 0.05;
}

/** The direction whose layout fits `view` larger; `keep` (the view's current one) wins unless clearly beaten. */
export function chooseDirection(sizes: Record<Direction, Size>, view: Size = DEFAULT_VIEW, keep?: Direction): Direction {
    const right = fitZoom(sizes.right, view), down = fitZoom(sizes.down, view);
    if (keep === 'down') return right > down * KEEP ? 'right' : 'down';
    return down > right * (keep === 'right' ? KEEP : PREFER_RIGHT) ? 'down' : 'right';
}

interface Layer { count: number; sumWidth: number; sumHeight: number; maxWidth: number; maxHeight: number }

/** The layers of `graph`'s leaf nodes by longest path. */
function layersOf(graph: ElkNode): Layer[] {
    const leaves: ElkNode[] = [];
    const collect = (n: ElkNode) => (n.children?.length ? n.children.forEach(collect) : leaves.push(n));
    graph.children?.forEach(collect);
    const rank = ranks(leaves.map((n) => n.id), graph.edges ?? []);
    const layers: Layer[] = [];
    for (const n of leaves) {
        const l = (layers[rank.get(n.id) ?? 0] ??= { count: 0, sumWidth: 0, sumHeight: 0, maxWidth: 0, maxHeight: 0 });
        l.count++;
        l.sumWidth += n.width ?? 0;
        l.sumHeight += n.height ?? 0;
        l.maxWidth = Math.max(l.maxWidth, n.width ?? 0);
        l.maxHeight = Math.max(l.maxHeight, n.height ?? 0);
    }
    return layers.filter(Boolean);
}

/** The size of `graph` laid out in each direction, estimated from its layers. */
export function estimateSizes(graph: ElkNode, gaps: Gaps): Record<Direction, Size> {
    const layers = layersOf(graph);
    const along = (size: (l: Layer) => number) => layers.reduce((sum, l) => sum + size(l), 0) + Math.max(0, layers.length - 1) * gaps.layer;
    const across = (sum: (l: Layer) => number) => Math.max(0, ...layers.map((l) => sum(l) + (l.count - 1) * gaps.node));
    return {
        right: { width: along((l) => l.maxWidth), height: across((l) => l.sumHeight) },
        down: { width: across((l) => l.sumWidth), height: along((l) => l.maxHeight) },
    };
}
