/**
 * PlantUML component diagram: zones as rectangles, components as elements shaped by kind (kind
 * and replicas on the label's last line), connections as arrows (dotted where the caller does not wait)
 * labelled with their protocol. Every character outside a plain set in a label becomes an HTML
 * entity (`&#34;`), which PlantUML prints as text: no quote, creole markup or preprocessor
 * directive survives from a title. Identifiers stay bare, so names keep their underscores.
 */
import type { ArchComponent, ArchModel } from '../model/types.js';
import { allocateIds, componentLines, connections, edgeLabels, escapeChars, isAsync, nestedLines, zoneLines, type ExportIds } from './common.js';

/** Words PlantUML reads as keywords where an alias stands. */
const RESERVED = new Set([
    'as', 'left', 'right', 'up', 'down', 'of', 'on', 'link', 'note', 'end', 'title', 'skinparam', 'hide', 'show', 'remove',
    'together', 'package', 'node', 'folder', 'frame', 'cloud', 'database', 'rectangle', 'component', 'queue', 'actor',
    'interface', 'storage', 'collections', 'agent', 'artifact', 'boundary', 'card', 'circle', 'control', 'entity', 'file',
    'hexagon', 'label', 'person', 'port', 'portin', 'portout', 'stack', 'usecase', 'class', 'object', 'state', 'header',
    'footer', 'legend', 'caption', 'scale', 'top', 'bottom', 'direction', 'allowmixing', 'set', 'namespace',
]);

/** Creole reads `__`, `--`, `//`, `**`, `~~` and `""` as markup: `_`, `-`, `/` are encoded too. */
const SAFE = /[A-Za-z0-9 .,:;()+×%]/u;

/** Text as PlantUML shows it literally; `\n` between lines is PlantUML's own line break. */
function text(lines: readonly string[]): string {
    return lines.map((line) => escapeChars(line, SAFE, (c) => `&#${c};`)).join('\\n');
}

const ELEMENTS: Partial<Record<ArchComponent['kind'], string>> = {
    client: 'actor', database: 'database', store: 'database', queue: 'queue', cdn: 'cloud',
};

function element(component: ArchComponent, ids: ExportIds, indent: string): string {
    const keyword = ELEMENTS[component.kind] ?? 'component';
    return `${indent}${keyword} "${text(componentLines(component))}" as ${ids.component(component.name)}`;
}

/** The system as a PlantUML component diagram. */
export function toPlantUml(model: ArchModel, direction: 'right' | 'down' = 'right'): string {
    const ids = allocateIds(model, RESERVED);
    const labelOf = edgeLabels(model);
    const edges = connections(model).map((edge) => {
        const label = labelOf(edge);
        return `${ids.component(edge.from)} ${isAsync(edge) ? '..>' : '-->'} ${ids.component(edge.to)}${label ? ` : ${text([label])}` : ''}`;
    });
    return [
        '@startuml',
        ...(direction === 'right' ? ['left to right direction'] : []),
        ...nestedLines(model, {
            open: (zone, indent) => [`${indent}rectangle "${text(zoneLines(zone))}" <<zone>> as ${ids.zone(zone.name)} {`],
            component: (component, indent) => [element(component, ids, indent)],
            close: '}',
        }, ''),
        ...edges,
        '@enduml',
    ].join('\n') + '\n';
}
