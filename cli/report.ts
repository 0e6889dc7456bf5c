/** The check report: files with their findings, in LSP coordinates, as every formatter reads it. */
import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticData } from '../language-server/lsp/arch-document-validator.js';
import type { Fix, Severity } from '../language-server/rules/rule.js';
import type { Range } from '../language-server/model/types.js';

/** One finding as the CLI reports it. */
export interface ReportedDiagnostic {
    rule: string;
    severity: Severity;
    message: string;
    component?: string;
    range: Range;
    fixes?: Fix[];
}

/** One file's findings; `path` is relative to the working directory, with `/`. */
export interface FileReport {
    path: string;
    absolutePath: string;
    diagnostics: ReportedDiagnostic[];
}

/** Totals over all files. */
export interface Summary { errors: number; warnings: number; infos: number; files: number }

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

/** A range with its keys in cli.md's order (line before character), whatever built it. */
function ordered(range: Range): Range {
    return {
        start: { line: range.start.line, character: range.start.character },
        end: { line: range.end.line, character: range.end.character },
    };
}

/** Converts an LSP diagnostic of the core to the CLI's shape. */
export function toReported(diagnostic: Diagnostic): ReportedDiagnostic {
    const data = diagnostic.data as DiagnosticData | undefined;
    return {
        rule: String(diagnostic.code ?? 'internal-error'),
        severity: SEVERITIES[diagnostic.severity ?? 1],
        message: diagnostic.message,
        ...(data?.component ? { component: data.component } : {}),
        range: ordered(diagnostic.range),
        ...(data?.fixes?.length ? {
            fixes: data.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ uri: e.uri, range: ordered(e.range), newText: e.newText })) })),
        } : {}),
    };
}

/** Counts findings by severity. */
export function summarise(files: readonly FileReport[]): Summary {
    const summary: Summary = { errors: 0, warnings: 0, infos: 0, files: files.length };
    for (const file of files) {
        for (const d of file.diagnostics) {
            if (d.severity === 'error') summary.errors++;
            else if (d.severity === 'warning') summary.warnings++;
            else summary.infos++;
        }
    }
    return summary;
}
