/** What the design rules share when they report: locations, numbers in words, and property fixes. */
import type { ArchComponent, SourceLocation } from '../model/types.js';
import { lineStarts, offsetAt, positionAt } from '../model/source.js';
import type { CutUnit } from '../analysis/cuts.js';
import type { Fix, TextEdit } from './rule.js';

/** The location of the first of `properties` the component writes, else of its name. */
export function at(component: ArchComponent, ...properties: string[]): SourceLocation {
    for (const name of properties) {
        const location = component.properties[name];
        if (location) return location;
    }
    return component.source;
}

/** A number with a k/M/B suffix and three significant digits: 18.9k, 500M, 0.25. */
export function num(value: number): string {
    if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : String(value);
    const abs = Math.abs(value);
    for (const [size, suffix] of [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) {
        if (abs >= size) return `${trim(value / size)}${suffix}`;
    }
    return trim(value);
}

/** A request rate: `18.9k rps`. */
export function rps(value: number): string {
    return `${num(value)} rps`;
}

/** A duration in the unit that reads best: 250us, 1.5ms, 2s, 5m, 24h. */
export function duration(seconds: number): string {
    if (seconds >= 3600) return `${num(seconds / 3600)}h`;
    if (seconds >= 60) return `${num(seconds / 60)}m`;
    if (seconds >= 1) return `${num(seconds)}s`;
    if (seconds >= 1e-3) return `${num(seconds * 1e3)}ms`;
    return `${num(seconds * 1e6)}us`;
}

/** A ratio as a percentage: `32%`. */
export function pct(ratio: number): string {
    return `${trim(ratio * 100)}%`;
}

/** A factor: `9.5x`. */
export function times(factor: number): string {
    return `${trim(factor)}x`;
}

function trim(value: number): string {
    return String(Number(value.toPrecision(3)));
}

/** `a`, `a and b`, `a, b and c`, or `a, b, c and 4 more`. */
export function list(names: readonly string[], max = 3): string {
    if (names.length <= 1) return names[0] ?? '';
    if (names.length > max + 1) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1 replica`, `3 replicas`. */
export function plural(count: number, noun: string): string {
    return `${num(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** The units a cut stops, in words: `flows redirect and shorten`, `the async branch of flow shorten through clicks`. */
export function describeUnits(units: readonly CutUnit[]): string {
    const parts: string[] = [];
    const named = (kind: 'flow' | 'client') => units.filter((u) => u.kind === kind).map((u) => u.name);
    const flows = named('flow'), clients = named('client');
    if (flows.length) parts.push(`${flows.length === 1 ? 'flow' : 'flows'} ${list(flows)}`);
    if (clients.length) parts.push(`requests of ${clients.length === 1 ? 'client' : 'clients'} ${list(clients)}`);
    const branches = [...new Set(units.filter((u) => u.kind === 'async').map((u) => `${u.via}`))];
    if (branches.length) parts.push(`the async ${branches.length === 1 ? 'branch' : 'branches'} through ${list(branches)}`);
    return list(parts);
}

/** A fix that sets a property: replaces its text where written, else inserts it into the block. */
export function propertyFix(component: ArchComponent, name: string, text: string, title = `Set '${text}' on ${component.name}`): Fix {
    const written = component.properties[name];
    const edit: TextEdit = written ? { uri: written.uri, range: written.range, newText: text } : insertProperty(component, text);
    return { title, edits: [edit] };
}

/** The `replicas 2` fix of the single-point-of-failure rules (keeping sync/async). */
export function replicasFix(component: ArchComponent): Fix {
    const text = `replicas 2${component.replication ? ` ${component.replication}` : ''}`;
    return propertyFix(component, 'replicas', text, `Run 2 replicas of ${component.name}`);
}

/** Marks an insertion after a component's name that must land inside its block (see placeBlockInsertions). */
const BLOCK = /^ \{ (.*) \}$/;

/** Inserts a property before the component's first one, on its own line when the block spans lines. */
function insertProperty(component: ArchComponent, text: string): TextEdit {
    const first = Object.values(component.properties)
        .filter((p) => p.uri === component.source.uri)
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    if (!first) {
        // No property: the model does not know whether a title or an empty block follows the
        // name, so the editor places this insertion with the text at hand (placeBlockInsertions).
        return { uri: component.source.uri, range: { start: component.source.range.end, end: component.source.range.end }, newText: ` { ${text} }` };
    }
    const sameLine = first.range.start.line === component.source.range.start.line;
    const newText = sameLine ? `${text} ` : `${text}\n${' '.repeat(first.range.start.character)}`;
    return { uri: first.uri, range: { start: first.range.start, end: first.range.start }, newText };
}

/**
 * Moves each block insertion made right after a component's name past its title and into an
 * existing `{ }` block, reading the text of document `uri`: `service api "T" {}` gets `{ replicas 2 }`.
 * `starts` are the text's line starts, passed in by a caller that places many findings' edits.
 */
export function placeBlockInsertions(edits: readonly TextEdit[], uri: string, text: string, starts = lineStarts(text)): TextEdit[] {
    return edits.map((edit) => {
        const inner = BLOCK.exec(edit.newText)?.[1];
        const { start, end } = edit.range;
        if (inner === undefined || edit.uri !== uri || start.line !== end.line || start.character !== end.character) return edit;
        let offset = offsetAt(text, starts, start);
        const skipSpace = () => { while (offset < text.length && /\s/.test(text[offset])) offset++; };
        skipSpace();
        const title = /^("(\\.|[^"\\])*"|'(\\.|[^'\\])*')/.exec(text.slice(offset));
        const afterTitle = title ? offset + title[0].length : undefined;
        if (title) {
            offset += title[0].length;
            skipSpace();
        }
        if (text[offset] === '{') {
            const position = positionAt(starts, offset + 1);
            return { ...edit, range: { start: position, end: position }, newText: text[offset + 1] === '}' ? ` ${inner} ` : ` ${inner}` };
        }
        if (afterTitle === undefined) return edit;
        const position = positionAt(starts, afterTitle);
        return { ...edit, range: { start: position, end: position } };
    });
}
