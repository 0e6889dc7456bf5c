/**
 * Suppression comments: `// archlint-disable-next-line RULE[, RULE] -- reason` silences those
 * rules' findings that start on the next line. The reason is required by review culture, not
 * by the parser: a suppression without one still applies, and suppression-without-reason
 * reports it. Syntax and internal errors cannot be suppressed.
 */
import type { Range } from '../model/types.js';

/** One suppression comment. */
export interface Suppression {
    /** The 0-based line the comment sits on (it silences line + 1). */
    line: number;
    rules: string[];
    reason?: string;
    /** The comment's range. */
    range: Range;
}

const DIRECTIVE = /\/\/\s*archlint-disable-next-line\b(.*)$/;
const UNSUPPRESSIBLE = new Set(['syntax', 'internal-error']);

/** Every suppression comment of a document text. */
export function parseSuppressions(text: string): Suppression[] {
    const found: Suppression[] = [];
    if (!text.includes('archlint-disable-next-line')) return found;
    text.split(/\r?\n/).forEach((content, line) => {
        const match = DIRECTIVE.exec(content);
        // A directive inside a string literal is text, not a comment.
        if (!match || (content.slice(0, match.index).split('"').length - 1) % 2 === 1) return;
        const [list, ...rest] = match[1].split('--');
        const reason = rest.join('--').trim();
        found.push({
            line,
            rules: list.split(/[\s,]+/).filter((r) => r.length > 0),
            reason: reason || undefined,
            range: { start: { line, character: match.index }, end: { line, character: content.length } },
        });
    });
    return found;
}

/** Whether a finding of `rule` starting on `line` is silenced by one of `suppressions`. */
export function isSuppressed(suppressions: readonly Suppression[], rule: string, line: number): boolean {
    if (UNSUPPRESSIBLE.has(rule)) return false;
    return suppressions.some((s) => s.line + 1 === line && s.rules.includes(rule));
}
