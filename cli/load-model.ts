/** Loads one system of one file for the commands that work on a single model. */
import { buildFiles, createNodeArchServices, FileReadError } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import { LANGUAGE_ERRORS } from '../language-server/rules/language-errors.js';
import type { ArchModel } from '../language-server/model/types.js';
import { UsageError } from './io.js';

const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));

/**
 * The system named `system` (else the first) of `file`, with its imports; a UsageError with
 * one line when the file cannot be read, has a language error, or lacks that system.
 */
export async function loadSystem(file: string, system: string | undefined): Promise<ArchModel> {
    let built;
    try {
        [built] = await buildFiles(createNodeArchServices(), [file]);
    } catch (error) {
        if (error instanceof FileReadError) throw new UsageError(error.message);
        throw error;
    }
    const errors = built.diagnostics.filter((d) => d.severity === 1 && LANGUAGE.has(String(d.code)));
    if (errors.length) {
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        throw new UsageError(`${file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}${more}`);
    }
    const models = buildModels(built.document.parseResult.value);
    if (models.length === 0) throw new UsageError(`${file} declares no system`);
    const model = system ? models.find((m) => m.name === system) : models[0];
    if (!model) throw new UsageError(`no system '${system}' in ${file} (it has: ${models.map((m) => m.name).join(', ')})`);
    return model;
}
