import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript source file under `dir`. */
function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
    });
}

/** Relative imports that exist at run time (type-only imports vanish when compiled), or all of them with `types`. */
function runtimeImports(file: string, types = false): string[] {
    const text = readFileSync(file, 'utf8');
    const pattern = types ? /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm : /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;
    return [...text.matchAll(pattern)].map((m) => normalize(join(dirname(file), m[1].replace(/\.js$/, '.ts'))));
}

/** The import cycles among `files` (each as a -> b -> a). */
function cyclesAmong(files: string[], types = false): string[] {
    const graph = new Map(files.map((f) => [f, runtimeImports(f, types)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
        if (state.get(file) === 'done') return;
        if (state.get(file) === 'visiting') {
            cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
            return;
        }
        state.set(file, 'visiting');
        for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
        state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    return cycles;
}

const FILES = ['language-server', 'cli', 'extension', 'playground'].flatMap(sources);

/** Every file `entries` load at run time, following relative imports. */
function reachable(entries: string[]): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file) || !existsSync(file)) return;
        seen.add(file);
        runtimeImports(file).forEach(visit);
    };
    entries.forEach(visit);
    return [...seen];
}

describe('architecture', () => {
    it('has no runtime import cycles', () => {
        expect(cyclesAmong(FILES)).toEqual([]);
    });

    it('has no import cycle in the simulator or the analysis, type imports included (the engine and its behaviours meet through the Kernel)', () => {
        expect(cyclesAmong(['language-server/simulation', 'language-server/analysis'].flatMap(sources), true)).toEqual([]);
    });

    it('keeps analysis/ the pure math lint and both solvers share, with the estimate beside the engine', () => {
        const offenders = sources('language-server/analysis').flatMap((file) =>
            runtimeImports(file, true).filter((to) => /language-server\/(simulation|rules)\//.test(to)).map((to) => `${file} -> ${to}`));
        expect(offenders).toEqual([]);
        expect(existsSync('language-server/simulation/estimate/report.ts')).toBe(true);
    });

    it('keeps the core headless and dependencies pointing one way', () => {
        const offenders = sources('language-server').filter((file) => {
            const text = readFileSync(file, 'utf8');
            return /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(text) || /from\s+['"](\.\.\/)+(cli|extension)\//.test(text);
        });
        expect(offenders).toEqual([]);
        const cliIntoExtension = sources('cli').filter((file) => /from\s+['"](\.\.\/)+extension\//.test(readFileSync(file, 'utf8')));
        expect(cliIntoExtension).toEqual([]);
    });

    it('runs the language server in a browser with nothing of Node on the way (the playground loads it in a Web Worker)', () => {
        const browser = reachable(sources('playground/workers').concat(sources('playground/src')));
        expect(browser).toContain(normalize('language-server/arch-module.ts'));
        const nodeOnly = /from\s+['"](node:[^'"]+|langium\/node|vscode-languageserver\/node(\.js)?|vscode-languageclient\/node(\.js)?|web-worker|(fs|path|os|url|child_process|worker_threads|crypto|perf_hooks)(\/promises)?)['"]/;
        expect(browser.filter((file) => nodeOnly.test(readFileSync(file, 'utf8')))).toEqual([]);
    });

    it('keeps every Langium service and request handler in lsp/, none loose at the root of language-server/', () => {
        const root = readdirSync('language-server').filter((name) => name.endsWith('.ts')).map((name) => join('language-server', name));
        // Error types (ArchlintError) are not services.
        const services = root.filter((file) => /^export class Arch\w+(?<!Error) /m.test(readFileSync(file, 'utf8')));
        expect(services).toEqual([]);
    });

    it('explains in its first comment why a file runs past 500 lines', () => {
        const long = FILES.filter((file) => readFileSync(file, 'utf8').split('\n').length > 500 && !file.includes('generated'));
        for (const file of long) expect(readFileSync(file, 'utf8').slice(0, 600)).toMatch(/lines|long|large/i);
    });
});
