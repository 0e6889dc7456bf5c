/**
 * Quick fixes: each diagnostic's `data.fixes` (the same Fix objects `archlint check --fix`
 * applies) become quickfix code actions, titled with the rule id they fix. A client that sends
 * the diagnostics back without their data (Monaco's LSP client keeps only range, message and
 * severity) gets the fixes of the server's own diagnostic with that range and message.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { DiagnosticData } from './arch-document-validator.js';

/** Turns the fixes attached to archlint diagnostics into LSP quick fixes. */
export class ArchCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const sent of params.context.diagnostics) {
            const diagnostic = sent.data === undefined ? document.diagnostics?.find((d) => sameDiagnostic(d, sent)) ?? sent : sent;
            const fixes = fixesOf(diagnostic);
            fixes.forEach((fix, i) => {
                const changes: Record<string, TextEdit[]> = {};
                for (const edit of fix.edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
                actions.push({
                    title: `${fix.title} (${String(diagnostic.code)})`,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: i === 0,
                    edit: { changes },
                });
            });
        }
        return actions;
    }
}

/** Whether `a` and `b` are one diagnostic: same range and message. */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
    const same = (p: Diagnostic['range']['start'], q: Diagnostic['range']['start']) => p?.line === q?.line && p?.character === q?.character;
    return a.message === b.message && same(a.range.start, b.range?.start) && same(a.range.end, b.range?.end);
}

/** The fixes of a diagnostic, checked: data arrives from the client and may be anything. */
function fixesOf(diagnostic: Diagnostic): NonNullable<DiagnosticData['fixes']> {
    const fixes = (diagnostic.data as DiagnosticData | undefined)?.fixes;
    if (!Array.isArray(fixes)) return [];
    return fixes.filter((f) => typeof f?.title === 'string' && Array.isArray(f.edits)
        && f.edits.every((e) => typeof e?.uri === 'string' && typeof e.newText === 'string' && e.range?.start && e.range?.end));
}
