/**
 * The gallery's findings are held to comments in the models. Two kinds of comment explain a
 * finding: `// expect: RULE[, RULE] -- why` (the finding is shown, e.g. in a naive twin or as
 * an accepted trade-off) and the linter's own `// archlint-disable-next-line RULE -- why`
 * (the finding is silenced). A comment explains a finding of its rule when it sits inside the
 * block of the component the finding is about, on the line right above that component, or on
 * the finding's own line or the line above it. Matching by component keeps an expectation
 * valid wherever in the component a rule chooses to report.
 */
import { parseSuppressions } from '../../language-server/rules/suppression.js';

/** A comment that explains findings of some rules. */
export interface Marker {
    kind: 'expect' | 'suppress';
    rules: string[];
    /** 0-based line of the comment. */
    line: number;
    reason: string;
    /** The component whose block holds the comment (or that starts on the next line). */
    owner?: string;
}

/** Where a component is declared: 0-based first and last line of its text. */
export interface ComponentSpan { name: string; start: number; end: number }

/** A finding as the test sees it. */
export interface Finding { rule: string; component?: string; line: number; message: string }

const EXPECT = /\/\/\s*expect:\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*(?:--\s*(.*))?$/;

/** The component a comment on `line` belongs to: the innermost enclosing block, else the next line's. */
function ownerOf(line: number, spans: readonly ComponentSpan[]): string | undefined {
    const enclosing = spans.filter((s) => s.start <= line && line <= s.end).sort((a, b) => (b.start - a.start) || (a.end - b.end))[0];
    return enclosing?.name ?? spans.find((s) => s.start === line + 1)?.name;
}

/** Every `expect:` and suppression comment of `text`. */
export function markersOf(text: string, spans: readonly ComponentSpan[]): Marker[] {
    const expects = text.split(/\r?\n/).flatMap((content, line): Marker[] => {
        const match = EXPECT.exec(content);
        if (!match) return [];
        return [{ kind: 'expect', rules: match[1].split(/\s*,\s*/), line, reason: (match[2] ?? '').trim(), owner: ownerOf(line, spans) }];
    });
    const suppressions = parseSuppressions(text).map((s): Marker => ({
        kind: 'suppress', rules: s.rules, line: s.line, reason: s.reason ?? '', owner: ownerOf(s.line, spans),
    }));
    return [...expects, ...suppressions].sort((a, b) => a.line - b.line);
}

/** Whether `marker` explains `finding`. */
export function explains(marker: Marker, finding: Finding): boolean {
    if (!marker.rules.includes(finding.rule)) return false;
    if (marker.owner !== undefined && marker.owner === finding.component) return true;
    return finding.line === marker.line || finding.line === marker.line + 1;
}

/** Findings no marker explains, and markers that explain no finding. */
export function reconcile(findings: readonly Finding[], markers: readonly Marker[]): { unexplained: Finding[]; unused: Marker[] } {
    return {
        unexplained: findings.filter((f) => !markers.some((m) => explains(m, f))),
        unused: markers.filter((m) => !findings.some((f) => explains(m, f))),
    };
}

/** The text with its suppression comments disarmed (same length, so every range stays put). */
export function withoutSuppressions(text: string): string {
    return text.replace(/archlint-disable-next-line/g, 'archlint-xxxxxxx-next-line');
}

/** One line per finding or marker, for a readable assertion message. */
export function describeFinding(f: Finding): string {
    return `line ${f.line + 1}: ${f.rule}${f.component ? ` (${f.component})` : ''}: ${f.message}`;
}

/** One line describing a marker. */
export function describeMarker(m: Marker): string {
    return `line ${m.line + 1}: ${m.kind} ${m.rules.join(', ')}${m.owner ? ` (in ${m.owner})` : ''}`;
}
