/**
 * D2: zones as containers, components as shapes inside them (a cylinder for stores, a queue, a
 * person for clients), connections as arrows between full paths, dashed where the caller does not
 * wait. Labels are double-quoted strings with D2's backslash escapes, `$` escaped so that no
 * substitution runs, and control characters written as `\n` or dropped.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { allocateIds, componentLines, connections, edgeLabels, escapeChars, isAsync, nestedLines, zoneLines, type ExportIds } from './common.js';

/** D2's reserved keys: a shape by one of these names would be read as an attribute. */
const RESERVED = new Set([
    'label', 'shape', 'style', 'icon', 'near', 'width', 'height', 'direction', 'tooltip', 'link', 'constraint',
    'class', 'classes', 'vars', 'layers', 'scenarios', 'steps', 'grid-rows', 'grid-columns', 'grid-gap',
    'top', 'left', 'source-arrowhead', 'target-arrowhead', 'filled', 'multiple', 'opacity', 'fill', 'stroke',
    'animated', 'bold', 'italic', 'underline', 'font', 'border-radius', 'shadow', '3d', 'double-border',
    'vertical-gap', 'horizontal-gap', 'null', 'true', 'false', 'md', 'markdown', 'latex', 'tex', 'code', 'sql_table', 'imports',
]);

/** A label as a D2 double-quoted string. */
function quote(lines: readonly string[]): string {
    const text = lines.join('\n');
    return `"${escapeChars(text, /[^\\"$\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, (c) => {
        if (c === 0x0a) return '\\n';
        if (c === 0x5c) return '\\\\';
        if (c === 0x22) return '\\"';
        if (c === 0x24) return '\\$';
        return '';
    })}"`;
}

const SHAPES: Partial<Record<ArchComponent['kind'], string>> = {
    client: 'person', database: 'cylinder', store: 'cylinder', queue: 'queue', cdn: 'cloud', loadbalancer: 'hexagon',
};

function shape(component: ArchComponent, ids: ExportIds, indent: string): string[] {
    const kind = SHAPES[component.kind];
    return [`${indent}${ids.component(component.name)}: ${quote(componentLines(component))}${kind ? ` { shape: ${kind} }` : ''}`];
}

/** The system as a D2 diagram. */
export function toD2(model: ArchModel, direction: 'right' | 'down' = 'right'): string {
    const ids = allocateIds(model, RESERVED);
    const path = (name: string) => {
        const component = model.components.get(name)!;
        const zones = component.zonePath.filter((z) => model.zones.has(z)).map((z) => ids.zone(z));
        return [...zones, ids.component(name)].join('.');
    };
    const labelOf = edgeLabels(model);
    const edges = connections(model).map((edge) => {
        const text = labelOf(edge);
        const attributes = isAsync(edge) ? ' { style.stroke-dash: 4 }' : '';
        return `${path(edge.from)} -> ${path(edge.to)}${text ? `: ${quote([text])}` : attributes ? ':' : ''}${attributes}`;
    });
    return [
        `direction: ${direction}`,
        ...nestedLines(model, {
            open: (zone, indent) => [`${indent}${ids.zone(zone.name)}: ${quote(zoneLines(zone))} {`],
            component: (component, indent) => shape(component, ids, indent),
            close: '}',
        }, ''),
        ...edges,
    ].join('\n') + '\n';
}
