/** Expands the paths given to `archlint check`: files, folders (recursing for *.arch) and globs. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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
    const normalised = pattern.split(sep).join('/');
    const parts = normalised.split('/');
    const fixed: string[] = [];
    while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift()!);
    const base = resolve(cwd, fixed.join('/') || '.');
    const regex = globToRegex(parts.join('/'));
    let candidates: string[];
    try {
        candidates = walk(base);
    } catch {
        return [];
    }
    return candidates.filter((file) => regex.test(relative(base, file).split(sep).join('/')));
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
