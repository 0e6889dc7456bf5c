/**
 * Code lenses above each `system`: "Diagram" (the live diagram), "Simulate" (a simulation run)
 * and the count of its findings, from the document's diagnostics inside the system's range.
 */
import { DocumentState, OperationCancelled, type LangiumDocument } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams, Diagnostic, Range } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { rangeOf } from '../model/source.js';

/** The commands the lenses run; the extension registers the first two with (document URI, system name). */
const OPEN_DIAGRAM_COMMAND = 'archlint.openDiagram';
const SIMULATE_COMMAND = 'archlint.simulate';
const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const inside = (inner: Range, outer: Range) => !before(inner.start, outer.start) && !before(outer.end, inner.end);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning", "No findings", or "Checking…" before validation has run. */
export function findingsTitle(diagnostics: readonly Diagnostic[] | undefined): string {
    if (!diagnostics) return 'Checking…';
    const count = (severity: number) => diagnostics.filter((d) => (d.severity ?? 1) === severity).length;
    const parts = [[count(1), 'error'], [count(2), 'warning'], [count(3), 'info']] as const;
    const shown = parts.filter(([n]) => n > 0).map(([n, word]) => (word === 'info' ? `${n} info` : plural(n, word)));
    return shown.length ? shown.join(', ') : 'No findings';
}

/** Code lenses of Arch documents. */
export class ArchCodeLensProvider implements CodeLensProvider {
    /** With services, lenses wait for validation so the findings count is never stale. */
    constructor(private readonly services?: Pick<LangiumServices, 'shared'>) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): CodeLens[] | Promise<CodeLens[]> {
        if (!this.services || document.state >= DocumentState.Validated) return this.lenses(document);
        // A superseded request (cancelled while waiting) gets no lenses of a version no longer on screen.
        return this.services.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, document.uri, cancelToken)
            .then(() => this.lenses(document), () => {
                if (cancelToken?.isCancellationRequested) throw OperationCancelled;
                return this.lenses(document);
            });
    }

    private lenses(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return [];
        const uri = document.uri.toString();
        return root.systems.filter((system) => system.name).flatMap((system) => {
            const range = rangeOf(system, 'name');
            const whole = rangeOf(system);
            const diagnostics = document.diagnostics?.filter((d) => inside(d.range, whole));
            return [
                { range, command: { title: 'Diagram', command: OPEN_DIAGRAM_COMMAND, arguments: [uri, system.name] } },
                { range, command: { title: 'Simulate', command: SIMULATE_COMMAND, arguments: [uri, system.name] } },
                { range, command: { title: findingsTitle(diagnostics), command: SHOW_PROBLEMS_COMMAND } },
            ];
        });
    }
}
