/**
 * LikeC4: a specification with one element kind per Arch kind (zones included) and a dashed
 * `async` relationship kind, the model with zones nesting their components (each with its kind
 * and replicas as technology, its title as description), relationships between fully qualified
 * names labelled with their protocol, and one view of everything. Strings are single-quoted with
 * backslash escapes; control characters are dropped.
 */
import type { ArchComponent, ArchModel, ComponentKind } from '../model/types.js';
import { allocateIds, connections, edgeLabels, escapeChars, isAsync, kindLine, nestedLines, type ExportIds } from './common.js';

const KINDS: readonly ComponentKind[] = ['client', 'cdn', 'loadbalancer', 'proxy', 'service', 'worker', 'cache', 'database', 'queue', 'store'];

/** LikeC4 keywords, and the kind names this export declares, that an element name must not take. */
const RESERVED = new Set([
    ...KINDS, 'zone', 'async', 'this', 'it', 'element', 'model', 'views', 'view', 'specification', 'extend', 'extends',
    'style', 'title', 'description', 'technology', 'tag', 'tags', 'link', 'links', 'metadata', 'icon', 'color', 'shape',
    'border', 'opacity', 'navigateto', 'notation', 'include', 'exclude', 'with', 'where', 'relationship', 'global',
    'dynamic', 'deployment', 'deploymentnode', 'instanceof', 'import', 'from', 'autolayout', 'group', 'parallel', 'par',
    'summary', 'size', 'padding', 'textsize', 'multiple', 'line', 'head', 'tail', 'of', 'and', 'or', 'not', 'is', 'kind',
    'source', 'target', 'participant', 'true', 'false',
]);

const SHAPES: Partial<Record<ComponentKind | 'zone', string>> = {
    client: 'person', database: 'storage', store: 'storage', queue: 'queue', cdn: 'browser',
};

/** A LikeC4 single-quoted string. */
function quote(text: string): string {
    return `'${escapeChars(text, /[^\\'\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, (c) => (c === 0x5c ? '\\\\' : c === 0x27 ? "\\'" : c === 0x0a ? ' ' : ''))}'`;
}

function element(component: ArchComponent, ids: ExportIds, indent: string): string[] {
    return [
        `${indent}${ids.component(component.name)} = ${component.kind} ${quote(component.name)} {`,
        `${indent}  technology ${quote(kindLine(component))}`,
        ...(component.title ? [`${indent}  description ${quote(component.title)}`] : []),
        `${indent}}`,
    ];
}

/** The system as a LikeC4 workspace file (`.c4`). */
export function toLikeC4(model: ArchModel): string {
    const ids = allocateIds(model, RESERVED);
    const fqn = (name: string) => {
        const component = model.components.get(name)!;
        return [...component.zonePath.filter((z) => model.zones.has(z)).map((z) => ids.zone(z)), ids.component(name)].join('.');
    };
    const kind = (name: ComponentKind | 'zone') => {
        const shape = SHAPES[name];
        return `  element ${name}${shape ? ` {\n    style {\n      shape ${shape}\n    }\n  }` : ''}`;
    };
    const labelOf = edgeLabels(model);
    const relationships = connections(model).map((edge) => {
        const label = labelOf(edge);
        return `  ${fqn(edge.from)} ${isAsync(edge) ? '-[async]->' : '->'} ${fqn(edge.to)}${label ? ` ${quote(label)}` : ''}`;
    });
    return [
        'specification {',
        kind('zone'),
        ...KINDS.map(kind),
        '  relationship async {',
        '    line dashed',
        '  }',
        '}',
        '',
        'model {',
        ...nestedLines(model, {
            open: (zone, indent) => [
                `${indent}${ids.zone(zone.name)} = zone ${quote(zone.name)} {`,
                ...(zone.title ? [`${indent}  description ${quote(zone.title)}`] : []),
            ],
            component: (component, indent) => element(component, ids, indent),
            close: '}',
        }, '  '),
        ...relationships,
        '}',
        '',
        'views {',
        '  view index {',
        `    title ${quote(model.title ?? model.name)}`,
        '    include *',
        '  }',
        '}',
    ].join('\n') + '\n';
}
