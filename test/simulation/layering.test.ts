/**
 * The layering of architecture.md: analysis/ is the pure math lint and both solvers share and
 * imports nothing from simulation/ or rules/; the estimate lives beside the engine; and no
 * file of the simulator imports, even for types, a file that imports it back (the engine and
 * its behaviours meet through the Kernel interface).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
    });
}

/** Relative imports of `file`, type-only ones included. */
function imports(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)]
        .map((m) => normalize(join(dirname(file), m[1].replace(/\.js$/, '.ts'))));
}

describe('layering', () => {
    it('keeps analysis/ free of the simulator and the rules', () => {
        const offenders = sources('language-server/analysis').flatMap((file) =>
            imports(file).filter((to) => /language-server\/(simulation|rules)\//.test(to)).map((to) => `${file} -> ${to}`));
        expect(offenders).toEqual([]);
    });

    it('puts the estimate beside the engine', () => {
        expect(existsSync('language-server/simulation/estimate/report.ts')).toBe(true);
        expect(existsSync('language-server/analysis/analytic.ts')).toBe(false);
    });

    it('has no import cycle in the simulator or the analysis, type imports included', () => {
        const files = [...sources('language-server/simulation'), ...sources('language-server/analysis')];
        const graph = new Map(files.map((f) => [f, imports(f).filter((to) => files.includes(to))]));
        const state = new Map<string, 'open' | 'done'>();
        const cycles: string[] = [];
        const visit = (file: string, trail: string[]) => {
            if (state.get(file) === 'done') return;
            if (state.get(file) === 'open') {
                cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
                return;
            }
            state.set(file, 'open');
            for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
            state.set(file, 'done');
        };
        for (const file of files) visit(file, []);
        expect(cycles).toEqual([]);
    });
});
