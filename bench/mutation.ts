/**
 * "One mistake, one error", measured: every sample is mutated one token at a time (a deleted
 * token, a misspelt keyword, property, unit or reference, a duplicated line, a dropped brace)
 * and each mutant's diagnostics are compared with the unmutated file's. Shared by the test
 * (test/language/mutation.test.ts) and `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createArchServices } from '../language-server/arch-module.js';
import { COMPONENT_KINDS, PROPERTIES } from '../language-server/model/properties.js';
import type { BenchRow } from './common.js';

/** The kinds of single mistakes the test makes. */
export type MutationKind = 'delete-token' | 'misspell-keyword' | 'misspell-property' | 'misspell-unit' | 'misspell-reference' | 'duplicate-line' | 'drop-brace';

/** One mutant of a sample. */
export interface Mutation {
    file: string;
    kind: MutationKind;
    /** 0-based line of the mistake in the unmutated file. */
    line: number;
    /** What changed, for reports: `capacity -> capacty`. */
    change: string;
    text: string;
    /** Lines inserted before the lines after `line` (1 for a duplicated line). */
    shift: number;
}

/** What one mutant did to the diagnostics. */
export interface MutationOutcome {
    mutation: Mutation;
    /** Diagnostics the unmutated file did not have. */
    added: Diagnostic[];
    /** Diagnostics of the unmutated file, off the mutated line, that the mutant lost although blanking the mutated line keeps them. */
    lost: Diagnostic[];
}

/** The distribution of new diagnostics per mutation. */
export interface MutationSummary {
    outcomes: MutationOutcome[];
    median: number;
    p95: number;
    max: number;
    /** How many mutants gave n new diagnostics, by n. */
    histogram: Map<number, number>;
    lost: number;
}

interface Token { text: string; offset: number; line: number; kind: 'word' | 'number' | 'string' | 'punct' }

const TOKEN = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?:%|[a-zA-Z]+)?|[_a-zA-Z]\w*|->|[{}[\](),:]|\S/g;
const STRUCTURE = new Set(['system', 'zone', 'workload', 'flow', 'scenario', 'import', 'read', 'write', 'sync', 'async', 'const', 'then', 'at', 'for', 'every', 'timeout', 'unhealthy_after', 'shards', 'vnodes', 'consistent', 'via', 'zipf']);
const DECLARES = new Set(['system', 'zone', 'flow', 'scenario', ...Object.keys(COMPONENT_KINDS)]);
const UNITS = new Set(['rps', 'items']);
/** At most this many mutants of one kind per file, spread evenly over the candidates. */
const PER_KIND = 12;

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let line = 0, last = 0;
    for (const match of text.matchAll(TOKEN)) {
        const offset = match.index;
        for (let i = last; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
        last = offset;
        const t = match[0];
        if (t.startsWith('//') || t.startsWith('/*')) continue;
        const kind = /^[0-9]/.test(t) ? 'number' : /^[_a-zA-Z]/.test(t) ? 'word' : t.startsWith('"') ? 'string' : 'punct';
        tokens.push({ text: t, offset, line, kind });
    }
    return tokens;
}

/** A deterministic typo: the middle letter dropped (or a letter added to very short words). */
function misspell(word: string): string {
    if (word.length <= 2) return `${word}q`;
    const i = Math.floor(word.length / 2);
    return word.slice(0, i) + word.slice(i + 1);
}

/** Every `n`-th of `items`, at most `limit` of them, spread over the whole list. */
function spread<T>(items: T[], limit: number): T[] {
    if (items.length <= limit) return items;
    return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]);
}

/** The mutants of one file, deterministic, a few dozen per kind at most. */
export function mutationsOf(file: string, text: string): Mutation[] {
    const tokens = tokenize(text);
    const lines = text.split('\n');
    const declared = new Set(tokens.filter((t, i) => i > 0 && t.kind === 'word' && DECLARES.has(tokens[i - 1].text)).map((t) => t.text));
    const replace = (t: Token, by: string) => text.slice(0, t.offset) + by + text.slice(t.offset + t.text.length);
    const remove = (t: Token) => {
        const end = t.offset + t.text.length;
        return text.slice(0, t.offset) + text.slice(text[end] === ' ' ? end + 1 : end);
    };
    const of = (kind: MutationKind, t: Token, by: string, mutated: string): Mutation => ({ file, kind, line: t.line, change: `${t.text} -> ${by || '(deleted)'}`, text: mutated, shift: 0 });
    const candidates: Record<MutationKind, Mutation[]> = {
        'delete-token': tokens.map((t) => of('delete-token', t, '', remove(t))),
        'misspell-keyword': tokens.filter((t, i) => (STRUCTURE.has(t.text) || t.text in COMPONENT_KINDS) && !(i > 0 && DECLARES.has(tokens[i - 1].text)))
            .map((t) => of('misspell-keyword', t, misspell(t.text), replace(t, misspell(t.text)))),
        'misspell-property': tokens.filter((t, i) => t.text in PROPERTIES && !(i > 0 && DECLARES.has(tokens[i - 1].text)))
            .map((t) => of('misspell-property', t, misspell(t.text), replace(t, misspell(t.text)))),
        'misspell-unit': tokens.flatMap((t) => {
            if (UNITS.has(t.text)) return [of('misspell-unit', t, misspell(t.text), replace(t, misspell(t.text)))];
            const unit = t.kind === 'number' ? /[a-zA-Z]+$/.exec(t.text)?.[0] : undefined;
            if (!unit) return [];
            const by = t.text.slice(0, -unit.length) + (unit.length === 1 ? 'q' : misspell(unit));
            return [of('misspell-unit', t, by, replace(t, by))];
        }),
        'misspell-reference': tokens.filter((t, i) => t.kind === 'word' && declared.has(t.text) && !(i > 0 && DECLARES.has(tokens[i - 1].text)))
            .map((t) => of('misspell-reference', t, `${t.text}x`, replace(t, `${t.text}x`))),
        'duplicate-line': lines.flatMap((l, line) => (l.trim() && !l.trim().startsWith('//') ? [{
            file, kind: 'duplicate-line' as const, line, change: `line ${line + 1} twice`, shift: 1,
            text: [...lines.slice(0, line + 1), l, ...lines.slice(line + 1)].join('\n'),
        }] : [])),
        'drop-brace': tokens.filter((t) => t.text === '{' || t.text === '}').map((t) => of('drop-brace', t, '', remove(t))),
    };
    return Object.values(candidates).flatMap((list) => spread(list, PER_KIND));
}

/** The `.arch` files under `folder`, recursively. */
export function sampleFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return sampleFiles(path);
        return entry.name.endsWith('.arch') ? [path] : [];
    }).sort();
}

const key = (d: Diagnostic, line = d.range.start.line) => `${d.code} ${line}:${d.range.start.character}`;

/** Runs every mutation of every sample under `folder` (those `accept` takes) and summarises the new diagnostics per mutant. */
export async function runMutations(folder: string, accept: (path: string) => boolean = () => true): Promise<MutationSummary> {
    const { shared } = createArchServices(EmptyFileSystem);
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const files = sampleFiles(folder).filter(accept);
    const uriOf = (path: string) => URI.file(join('/samples', relative(folder, path)));
    // Every sample is loaded under its own name, so that imports between samples resolve.
    const originals = files.map((path) => {
        const document = factory.fromString(readFileSync(path, 'utf8'), uriOf(path));
        documents.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(originals, { validation: true });
    let counter = 0;
    const diagnose = async (path: string, text: string): Promise<Diagnostic[]> => {
        // A sibling name keeps relative imports resolving as they do from the sample itself.
        const uri = uriOf(path).with({ path: `${uriOf(path).path.replace(/\.arch$/, '')}.mutant${counter++}.arch` });
        const document = factory.fromString(text, uri);
        documents.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        documents.deleteDocument(uri);
        return document.diagnostics ?? [];
    };
    const outcomes: MutationOutcome[] = [];
    for (const [i, path] of files.entries()) {
        const text = readFileSync(path, 'utf8');
        const original = originals[i].diagnostics ?? [];
        const blanked = new Map<number, Set<string>>();
        for (const mutation of mutationsOf(relative(folder, path), text)) {
            const diagnostics = await diagnose(path, mutation.text);
            const mapLine = (line: number) => (line > mutation.line ? line + mutation.shift : line);
            const before = new Set(original.map((d) => key(d, mapLine(d.range.start.line))));
            const onMutatedLine = new Set(original.filter((d) => d.range.start.line === mutation.line).map((d) => String(d.code)));
            const added = diagnostics.filter((d) => {
                const line = d.range.start.line;
                const mutatedLines = line >= mutation.line && line <= mutation.line + mutation.shift;
                return !before.has(key(d)) && !(mutatedLines && onMutatedLine.has(String(d.code)));
            });
            const after = new Set(diagnostics.map((d) => key(d)));
            const offLine = original.filter((d) => d.range.start.line !== mutation.line && !after.has(key(d, mapLine(d.range.start.line))));
            let lost: Diagnostic[] = [];
            if (offLine.length) {
                if (!blanked.has(mutation.line)) {
                    const lines = text.split('\n');
                    lines[mutation.line] = '';
                    blanked.set(mutation.line, new Set((await diagnose(path, lines.join('\n'))).map((d) => key(d))));
                }
                const kept = blanked.get(mutation.line)!;
                lost = offLine.filter((d) => kept.has(key(d)));
            }
            outcomes.push({ mutation, added, lost });
        }
    }
    const counts = outcomes.map((o) => o.added.length).sort((a, b) => a - b);
    const histogram = new Map<number, number>();
    for (const n of counts) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    const quantile = (q: number) => counts[Math.min(counts.length - 1, Math.ceil(q * counts.length) - 1)];
    return {
        outcomes, median: quantile(0.5), p95: quantile(0.95), max: counts[counts.length - 1] ?? 0,
        histogram, lost: outcomes.reduce((n, o) => n + o.lost.length, 0),
    };
}

/** One line per mutant with more than `limit` new diagnostics or a lost one, for failure messages and the bench. */
export function describeWorst(summary: MutationSummary, limit: number): string[] {
    return summary.outcomes.filter((o) => o.added.length > limit || o.lost.length).map((o) => {
        const m = o.mutation;
        const added = o.added.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join(' | ');
        const lost = o.lost.length ? ` LOST ${o.lost.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ')}` : '';
        return `${m.file}:${m.line + 1} ${m.kind} (${m.change}): ${o.added.length} new: ${added}${lost}`;
    });
}

/** `npm run bench`: the distribution of new diagnostics over every mutant of the samples. */
export async function bench(): Promise<BenchRow[]> {
    const summary = await runMutations(fileURLToPath(new URL('../../samples', import.meta.url)));
    const histogram = [...summary.histogram].sort((a, b) => a[0] - b[0]).map(([n, count]) => `${n}:${count}`).join(' ');
    return [{
        name: `new diagnostics per single-token mutation of the samples (${summary.outcomes.length} mutants)`,
        medianMs: Number.NaN, runs: summary.outcomes.length, bar: 'median 1, p95 ≤ 2 (quality.md)',
        note: `median ${summary.median}, p95 ${summary.p95}, max ${summary.max}, lost ${summary.lost}; mutants by new diagnostics ${histogram}`,
    }];
}
