/**
 * Quick fixes: each diagnostic's `data.fixes` (the same Fix objects `archlint check --fix`
 * applies) become quickfix code actions, titled with the rule id they fix.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { DiagnosticData } from './arch-document-validator.js';

/** Turns the fixes attached to archlint diagnostics into LSP quick fixes. */
export class ArchCodeActionProvider implements CodeActionProvider {
    getCodeActions(_document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
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

/** The fixes of a diagnostic, checked: data arrives from the client and may be anything. */
function fixesOf(diagnostic: Diagnostic): NonNullable<DiagnosticData['fixes']> {
    const fixes = (diagnostic.data as DiagnosticData | undefined)?.fixes;
    if (!Array.isArray(fixes)) return [];
    return fixes.filter((f) => typeof f?.title === 'string' && Array.isArray(f.edits)
        && f.edits.every((e) => typeof e?.uri === 'string' && typeof e.newText === 'string' && e.range?.start && e.range?.end));
}
