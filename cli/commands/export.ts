/** `archlint export FILE --format mermaid|d2|plantuml|likec4`: the system in another diagram language. */
import { writeFile } from 'node:fs/promises';
import { exportModel, type ExportFormat } from '../../language-server/export/export.js';
import { ArchlintError } from '../../language-server/errors.js';
import type { CommandIO, ExitCode, ReadOptions } from '../io.js';
import { loadSystem } from '../load-system.js';

/** Options of `archlint export`. */
export interface ExportOptions extends ReadOptions {
    format: ExportFormat;
    output?: string;
    system?: string;
    direction: 'right' | 'down';
}

/** Writes the export to `options.output`, or prints it. */
export async function runExport(file: string, options: ExportOptions, io: CommandIO): Promise<ExitCode> {
    const text = exportModel((await loadSystem(file, { ...options, requireValid: true })).model, options.format, options.direction);
    if (!options.output) {
        io.stdout(text);
        return 0;
    }
    try {
        await writeFile(options.output, text);
    } catch (error) {
        throw new ArchlintError(`cannot write '${options.output}': ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    return 0;
}
