/** GitHub Actions workflow commands: one annotation line per finding. */
import type { FileReport } from '../report.js';
import { printable } from '../../language-server/printable.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Formats findings as `::error file=...::message` lines (1-based positions). */
export function formatGithub(files: readonly FileReport[]): string {
    const lines: string[] = [];
    for (const file of files) {
        for (const d of file.diagnostics) {
            const props = [
                `file=${escapeProperty(file.path)}`,
                `line=${d.range.start.line + 1}`, `col=${d.range.start.character + 1}`,
                `endLine=${d.range.end.line + 1}`, `endColumn=${d.range.end.character + 1}`,
                `title=${escapeProperty(d.rule)}`,
            ];
            lines.push(`::${COMMANDS[d.severity]} ${props.join(',')}::${escapeData(d.message)}`);
        }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Escapes a message as the runner's command parser expects; other control characters are shown, not sent. */
function escapeData(text: string): string {
    return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
