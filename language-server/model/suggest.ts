/** "Did you mean": the closest known word to a misspelt one. */
import { KINDS, PROPERTIES, allowedIn, isComponentKind, type ComponentKind } from './properties.js';

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) rows[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
    }
    return rows[a.length][b.length];
}

/** The candidate closest to `word`, if it is close enough to be a typo (about one edit in three letters). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    const limit = Math.max(1, Math.floor(word.length / 3));
    let best: string | undefined, bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean 'x'?`, or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
    const suggestion = closest(word, candidates);
    return suggestion ? ` Did you mean '${suggestion}'?` : '';
}

/**
 * The kind a component is modelled as: its own; for an unknown kind (already an error) the
 * closest one by name; for a missing or far-off kind the first whose properties fit the ones
 * given (`hit_ratio` makes a cdn); else a service.
 */
export function modelledKind(component: { kind?: string; properties: readonly { name?: string }[] }): ComponentKind {
    const written = component.kind ?? '';
    if (isComponentKind(written)) return written;
    const byName = written ? closest(written, KINDS) : undefined;
    if (byName !== undefined && isComponentKind(byName)) return byName;
    const names = component.properties.flatMap((p) => (p.name && PROPERTIES[p.name] ? [p.name] : []));
    if (!names.length) return 'service';
    const candidates: readonly ComponentKind[] = ['service', ...KINDS];
    return candidates.find((kind) => names.every((name) => allowedIn(name, kind))) ?? 'service';
}
