/** Reads a laid-out ELK graph (absolute coordinates) back into the diagram skeleton. */
import type { ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';
import type { DiagramLayout, Point } from './types.js';
import { elkIdOf, zoneId } from './elk-graph.js';

const round = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;
const point = (p: ElkPoint): Point => ({ x: round(p.x), y: round(p.y) });

/** The skeleton with every node, zone and edge placed where `laidOut` puts them. */
export function placeLayout(skeleton: DiagramLayout, laidOut: ElkNode, engine: DiagramLayout['engine'], reason?: string): DiagramLayout {
    const shapes = new Map<string, ElkNode>();
    const visit = (node: ElkNode) => {
        shapes.set(node.id, node);
        node.children?.forEach(visit);
    };
    visit(laidOut);
    const box = (id: string) => {
        const s = shapes.get(id);
        return { x: round(s?.x), y: round(s?.y), width: round(s?.width), height: round(s?.height) };
    };
    const edges = new Map((laidOut.edges ?? []).map((e) => [e.id, e]));
    return {
        ...skeleton,
        engine,
        reason,
        width: Math.ceil(laidOut.width ?? 0),
        height: Math.ceil(laidOut.height ?? 0),
        zones: skeleton.zones.map((z) => ({ ...z, ...box(zoneId(z.name)) })),
        nodes: skeleton.nodes.map((n) => ({ ...n, ...box(elkIdOf(n)) })),
        edges: skeleton.edges.map((e, i) => {
            const laid = edges.get(`e${i}`);
            const points = (laid?.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map(point));
            const label = laid?.labels?.[0];
            return {
                ...e,
                points,
                label: label?.text ? { text: label.text, x: round(label.x), y: round(label.y), width: round(label.width), height: round(label.height) } : undefined,
            };
        }),
    };
}
