/**
 * Incremental rebuilds for long-lived headless use (`archlint check --watch`): the changed files
 * are re-read and re-validated, and so is every document whose references point into them (the
 * files that import them), through Langium's own update; nothing else is redone.
 */
import { URI } from 'langium';
import type { ArchCoreServices } from './arch-core-module.js';
import { buildFiles, type BuiltDocument } from './workspace.js';

/**
 * Applies changed and deleted files to a workspace `buildFiles` built, then returns `requested`
 * (files and the imports they bring, loaded if new) with their current diagnostics.
 */
export async function rebuildFiles(services: ArchCoreServices, changed: readonly string[], deleted: readonly string[], requested: readonly string[]): Promise<BuiltDocument[]> {
    const builder = services.shared.workspace.DocumentBuilder;
    const documents = services.shared.workspace.LangiumDocuments;
    builder.updateBuildOptions = { validation: true };
    await builder.update(changed.map((path) => URI.file(path)), deleted.map((path) => URI.file(path)));
    const before = new Set(documents.all.map((d) => d.uri.toString()));
    const built = await buildFiles(services, requested);
    // Files loaded only now (a new file, a new import) may resolve what older documents could not.
    const added = documents.all.filter((d) => !before.has(d.uri.toString())).map((d) => d.uri).toArray();
    if (added.length === 0) return built;
    await builder.update(added, []);
    return built.map(({ document }) => ({ document, diagnostics: document.diagnostics ?? [] }));
}
