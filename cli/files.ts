/** Expands the paths given to `archlint check`: files, folders (recursing for *.arch) and globs. */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ArchlintError } from '../language-server/errors.js';

const SKIP = new Set(['node_modules', 'out', 'dist']);

/** Every `.arch` file the patterns name, absolute, sorted, without duplicates. */
export function expandPaths(patterns: readonly string[], cwd = process.cwd()): string[] {
    const files = new Set<string>();
    for (const pattern of patterns) {
        const matched = isGlob(pattern) ? matchGlob(pattern, cwd) : expandPath(resolve(cwd, pattern), pattern);
        if (matched.length === 0) throw new ArchlintError(`no .arch files match '${pattern}'`);
        matched.forEach((f) => files.add(f));
    }
    return [...files].sort();
}

function expandPath(path: string, pattern: string): string[] {
    let stats;
    try {
        stats = statSync(path);
    } catch {
        throw new ArchlintError(`cannot read '${pattern}': no such file or directory`);
    }
    return stats.isDirectory() ? walk(path) : [path];
}

function walk(directory: string): string[] {
    const result: string[] = [];
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
        const path = join(directory, entry.name);
        if (entry.isDirectory()) result.push(...walk(path));
        else if (entry.isFile() && entry.name.endsWith('.arch')) result.push(path);
    }
    return result;
}

function isGlob(pattern: string): boolean {
    return /[*?[\]{}]/.test(pattern);
}

/** Matches `*`, `**`, `?` and `{a,b}` against the files below the glob's fixed prefix. */
function matchGlob(pattern: string, cwd: string): string[] {
    const { fixed, rest } = splitGlob(pattern);
    const base = resolve(cwd, fixed);
    const regex = globToRegex(rest);
    let candidates: string[];
    try {
        candidates = walk(base);
    } catch {
        return [];
    }
    return candidates.filter((file) => regex.test(relative(base, file).split(sep).join('/')));
}

/** A glob as its leading folders without wildcards (`.` when none) and the rest. */
function splitGlob(pattern: string): { fixed: string; rest: string } {
    const parts = pattern.split(sep).join('/').split('/');
    const fixed: string[] = [];
    while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift()!);
    return { fixed: fixed.join('/') || '.', rest: parts.join('/') };
}

function globToRegex(glob: string): RegExp {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
            i += glob[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else if (c === '{') source += '(?:';
        else if (c === '}') source += ')';
        else if (c === ',') source += '|';
        else source += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
}

/** `directory` and every folder below it that expansion would enter (no dot folders, no node_modules). */
export function foldersUnder(directory: string): string[] {
    const result = [directory];
    let entries;
    try {
        entries = readdirSync(directory, { withFileTypes: true });
    } catch {
        return result;
    }
    for (const entry of entries) {
        if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIP.has(entry.name)) result.push(...foldersUnder(join(directory, entry.name)));
    }
    return result;
}

/** The folder a path or glob names files under: the folder itself, a file's folder, a glob's fixed prefix. */
export function baseFolder(pattern: string, cwd = process.cwd()): { folder: string; recursive: boolean } {
    if (isGlob(pattern)) return { folder: resolve(cwd, splitGlob(pattern).fixed), recursive: true };
    const path = resolve(cwd, pattern);
    try {
        if (statSync(path).isDirectory()) return { folder: path, recursive: true };
    } catch {
        // A missing file: watch its folder for it to appear.
    }
    return { folder: dirname(path), recursive: false };
}
