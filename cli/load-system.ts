/** Loading the one system `simulate` and `render` work on, or one line saying why not. */
import { buildFiles, createNodeArchServices, type BuiltDocument } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import { LANGUAGE_ERRORS } from '../language-server/rules/language-errors.js';
import { ArchlintError } from '../language-server/errors.js';
import type { ArchModel } from '../language-server/model/types.js';
import type { ReadOptions } from './io.js';

const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));

/** A built file and the system picked from it. */
export interface LoadedSystem {
    built: BuiltDocument;
    model: ArchModel;
}

/**
 * Builds `file` and picks `system` (default: the first). With `requireValid`, a language error
 * stops the run (`file:line:col: message`); without it, one stops it only where no system parsed.
 */
export async function loadSystem(file: string, options: ReadOptions & { system?: string; requireValid: boolean }): Promise<LoadedSystem> {
    const [built] = await buildFiles(createNodeArchServices({ allowOutsideImports: options.allowOutsideImports }), [file]);
    const errors = built.diagnostics.filter((d) => d.severity === 1 && LANGUAGE.has(String(d.code)));
    const models = buildModels(built.document.parseResult.value);
    if (errors.length && (options.requireValid || models.length === 0)) {
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        throw new ArchlintError(`${file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}${more}`);
    }
    if (models.length === 0) throw new ArchlintError(`${file} declares no system`);
    const model = options.system ? models.find((m) => m.name === options.system) : models[0];
    if (!model) throw new ArchlintError(`no system '${options.system}' in ${file} (it has: ${models.map((m) => m.name).join(', ')})`);
    return { built, model };
}
