/** Language benchmarks: parse + link + validate on generated workspaces, and keystroke latency over LSP. */
import { EmptyFileSystem, URI } from 'langium';
import { createArchServices } from '../language-server/arch-module.js';
import { generateWorkspace } from './generate.js';
import { measure, type BenchRow } from './common.js';
import { RULES } from '../language-server/rules/registry.js';

/** One warm service container per configuration, reused across runs as an editor session would. */
function createServices(withRules: boolean) {
    const services = createArchServices(EmptyFileSystem);
    if (!withRules) services.Arch.archlint.Config.setExplicit({ rules: Object.fromEntries(RULES.filter((r) => r.meta.category === 'design').map((r) => [r.id, 'off'])), thresholds: {} });
    return services;
}

/** Parses, links and validates every file from scratch (the previous run's documents are dropped). */
async function buildWorkspace({ shared }: ReturnType<typeof createServices>, files: ReturnType<typeof generateWorkspace>, withRules: boolean): Promise<void> {
    for (const document of shared.workspace.LangiumDocuments.all.toArray()) shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    const documents = files.map((f) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(f.text, URI.parse(`file:///bench/${f.name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const errors = documents.flatMap((d) => d.diagnostics ?? []).filter((d) => d.severity === 1 && d.code !== 'spof');
    if (errors.length && !withRules) throw new Error(`generated workspace has errors: ${errors[0].code} ${errors[0].message}`);
}

/** Warm medians of one configuration; its services are dropped when it returns. */
async function measureConfiguration(files: ReturnType<typeof generateWorkspace>, withRules: boolean, runs: number) {
    const services = createServices(withRules);
    return measure(() => buildWorkspace(services, files, withRules), { warmup: 2, runs });
}

/** Parse + link + validate medians for 1k, 10k and 50k lines, with and without the design rules. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const [lines, runs, bar] of [[1_000, 9, ''], [10_000, 7, '≤ 250 ms (quality.md)'], [50_000, 3, '']] as const) {
        const files = generateWorkspace(lines);
        const actual = files.reduce((n, f) => n + f.text.split('\n').length, 0);
        // One configuration alive at a time, as in an editor with one server.
        const bare = await measureConfiguration(files, false, runs);
        const full = await measureConfiguration(files, true, runs);
        rows.push({ name: `parse+link+validate ${actual} lines, language checks only`, ...bare });
        rows.push({
            name: `parse+link+validate ${actual} lines, all rules on`, ...full, bar: bar || undefined,
            note: `rules add ${Math.round((full.medianMs / bare.medianMs - 1) * 100)}% (cpu ${Math.round((full.cpuMs / bare.cpuMs - 1) * 100)}%; bar ≤ 30%)`,
        });
    }
    return rows;
}
