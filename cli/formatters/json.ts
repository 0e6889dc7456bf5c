/** The JSON format of cli.md: files with diagnostics (0-based LSP positions) and a summary. */
import type { FileReport, Summary } from '../report.js';

/** Formats the report as cli.md's JSON document. */
export function formatJson(files: readonly FileReport[], summary: Summary): string {
    const document = {
        files: files.map((f) => ({ path: f.path, diagnostics: f.diagnostics })),
        summary,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
}
