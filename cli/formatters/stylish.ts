/** ESLint's stylish format: findings grouped by file, 1-based positions, a summary line. */
import type { FileReport, Summary } from '../report.js';
import { printable } from '../../language-server/printable.js';

const COLOURS = { error: 31, warning: 33, info: 36, dim: 90, bold: 1, underline: 4 } as const;

/** Formats the report for a person at a terminal. */
export function formatStylish(files: readonly FileReport[], summary: Summary, color: boolean): string {
    const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const lines: string[] = [];
    for (const file of files) {
        if (file.diagnostics.length === 0) continue;
        lines.push(paint(COLOURS.underline, printable(file.path)));
        // Text from models (names, titles, paths) is shown, never obeyed by the terminal.
        const rows = file.diagnostics.map((d) => [
            `${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, printable(d.message), printable(d.rule),
        ]);
        const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
        for (const [position, severity, message, rule] of rows) {
            const level = paint(COLOURS[severity as 'error' | 'warning' | 'info'], severity.padEnd(width[1]));
            lines.push(`  ${paint(COLOURS.dim, position.padEnd(width[0]))}  ${level}  ${message}  ${paint(COLOURS.dim, rule)}`);
        }
        lines.push('');
    }
    const total = summary.errors + summary.warnings + summary.infos;
    if (total === 0) return '';
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const line = `✖ ${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
    lines.push(paint(summary.errors ? COLOURS.error : COLOURS.warning, paint(COLOURS.bold, line)));
    const fixable = files.reduce((n, f) => n + f.diagnostics.filter((d) => d.fixes?.length).length, 0);
    if (fixable) lines.push(paint(COLOURS.dim, `  ${plural(fixable, 'problem')} can be fixed with \`--fix\`.`));
    return `${lines.join('\n')}\n`;
}
