/**
 * Mermaid flowchart: zones as subgraphs, components as nodes shaped by kind, connections as
 * arrows (dotted where the caller does not wait) labelled with their protocol. Labels are quoted
 * and every character outside a plain set becomes an entity code (`#34;`), which Mermaid decodes
 * as text, so a title can neither end the label nor inject markup.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { allocateIds, componentLines, connections, edgeLabels, escapeChars, isAsync, nestedLines, zoneLines, type ExportIds } from './common.js';

/** Words that end or redirect a flowchart statement when used as a node id. */
const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'call', 'href', 'default']);

const SAFE = /[A-Za-z0-9 _.,:;/()+\-×%]/u;

/** A label as Mermaid's quoted text, lines joined with `<br>`. */
function label(lines: readonly string[]): string {
    return `"${lines.map((line) => escapeChars(line, SAFE, (c) => `#${c};`)).join('<br>')}"`;
}

const SHAPES: Partial<Record<ArchComponent['kind'], [string, string]>> = {
    client: ['([', '])'],
    database: ['[(', ')]'],
    store: ['[(', ')]'],
    queue: ['[[', ']]'],
    loadbalancer: ['{{', '}}'],
    cdn: ['>', ']'],
};

function node(component: ArchComponent, ids: ExportIds, indent: string): string {
    const [open, close] = SHAPES[component.kind] ?? ['[', ']'];
    return `${indent}${ids.component(component.name)}${open}${label(componentLines(component))}${close}`;
}

/** The system as a Mermaid flowchart. */
export function toMermaid(model: ArchModel, direction: 'right' | 'down' = 'right'): string {
    const ids = allocateIds(model, RESERVED);
    const labelOf = edgeLabels(model);
    const edges = connections(model).map((edge) => {
        const text = labelOf(edge);
        const arrow = isAsync(edge) ? '-.->' : '-->';
        return `  ${ids.component(edge.from)} ${arrow}${text ? `|${label([text])}|` : ''} ${ids.component(edge.to)}`;
    });
    return [
        `flowchart ${direction === 'down' ? 'TB' : 'LR'}`,
        ...nestedLines(model, {
            open: (zone, indent) => [`${indent}subgraph ${ids.zone(zone.name)} [${label(zoneLines(zone))}]`],
            component: (component, indent) => [node(component, ids, indent)],
            close: 'end',
        }, '  '),
        ...edges,
    ].join('\n') + '\n';
}
