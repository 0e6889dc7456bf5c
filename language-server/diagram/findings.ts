/** Diagnostics of a built document as badges: each error or warning pinned to its component. */
import type { Diagnostic } from 'vscode-languageserver';
import type { ArchModel, Position, Range } from '../model/types.js';
import type { DiagramFinding } from './types.js';

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (range: Range, p: Position) => before(range.start, p) && before(p, range.end);

/** The component a diagnostic is about: the one its data names, else the one whose text holds it. */
function componentOf(model: ArchModel, diagnostic: Diagnostic): string | undefined {
    const named = (diagnostic.data as { component?: unknown } | undefined)?.component;
    if (typeof named === 'string') return model.components.has(named) ? named : undefined;
    const at = diagnostic.range.start;
    for (const c of model.components.values()) {
        if (c.source.uri !== model.uri) continue;
        if (contains(c.source.range, at)) return c.name;
        for (const p of Object.values(c.properties)) if (p.uri === model.uri && contains(p.range, at)) return c.name;
    }
    return undefined;
}

/** Errors and warnings of `model`'s document that name or sit on one of its components. */
export function findingsOf(model: ArchModel, diagnostics: readonly Diagnostic[]): DiagramFinding[] {
    const findings: DiagramFinding[] = [];
    for (const d of diagnostics) {
        if (d.severity !== 1 && d.severity !== 2) continue;
        const component = componentOf(model, d);
        if (component) findings.push({ component, severity: d.severity === 1 ? 'error' : 'warning', rule: String(d.code ?? 'archlint'), message: d.message });
    }
    return findings;
}
