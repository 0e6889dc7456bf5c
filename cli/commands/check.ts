/** `archlint check`: lint files, folders and globs; print findings in one of four formats. */
import { readFile, writeFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { URI } from 'langium';
import { buildFiles, createNodeArchServices, type BuiltDocument } from '../../language-server/workspace.js';
import { applyEdits } from '../../language-server/rules/fixes.js';
import { loadConfig } from '../../language-server/rules/config.js';
import type { Severity } from '../../language-server/rules/rule.js';
import { expandPaths } from '../files.js';
import { UsageError, type CommandIO, type ExitCode } from '../io.js';
import { summarise, toReported, type FileReport } from '../report.js';
import { formatStylish } from '../formatters/stylish.js';
import { formatJson } from '../formatters/json.js';
import { formatSarif } from '../formatters/sarif.js';
import { formatGithub } from '../formatters/github.js';

/** Options of `archlint check`, as commander parses them. */
export interface CheckOptions {
    format: 'stylish' | 'json' | 'sarif' | 'github';
    failOn: Severity;
    maxWarnings?: number;
    output?: string;
    config?: string;
    system?: string;
    fix: boolean;
    quiet: boolean;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Runs the check and returns the exit code; output goes through `io` or to `options.output`. */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: CommandIO, version: string): Promise<ExitCode> {
    const files = expandPaths(paths.length ? paths : ['.']);
    const services = createNodeArchServices();
    const config = services.archlint.Config;
    if (options.config) config.setExplicit(loadConfig(options.config));
    let configError: Error | undefined;
    config.onError = (error) => (configError ??= error);

    let built = await buildFiles(services, files);
    if (configError) throw new UsageError(configError.message);
    if (options.fix) {
        const fixed = await applyAllFixes(built);
        if (fixed > 0) built = await buildFiles(createFresh(options), files);
    }

    const reports = fileReports(built, options);
    const summary = summarise(reports);
    const text = format(reports, summary, options, io, version);
    if (options.output) {
        try {
            await writeFile(options.output, text);
        } catch (error) {
            throw new UsageError(`cannot write '${options.output}': ${(error as NodeJS.ErrnoException).code ?? error}`);
        }
    } else if (text) io.stdout(text);

    const failing = reports.some((r) => r.diagnostics.some((d) => RANK[d.severity] >= RANK[options.failOn]));
    const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
    if (tooManyWarnings && !failing) io.stderr(`archlint: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return failing || tooManyWarnings ? 1 : 0;
}

/** The findings of built documents as the formatters read them, filtered and sorted by the options. */
export function fileReports(built: readonly BuiltDocument[], options: Pick<CheckOptions, 'quiet' | 'system'>): FileReport[] {
    return built.map(({ document, diagnostics }) => ({
        path: relative(process.cwd(), URI.parse(document.uri.toString()).fsPath).split(sep).join('/'),
        absolutePath: document.uri.fsPath,
        diagnostics: diagnostics.map(toReported)
            .filter((d) => !options.quiet || d.severity === 'error')
            .filter((d) => !options.system || inSystem(document, d.range.start.line, options.system))
            .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
    }));
}

/** The report in the chosen format. */
export function format(reports: FileReport[], summary: ReturnType<typeof summarise>, options: CheckOptions, io: CommandIO, version: string): string {
    switch (options.format) {
        case 'json': return formatJson(reports, summary);
        case 'sarif': return formatSarif(reports, version);
        case 'github': return formatGithub(reports);
        case 'stylish': return formatStylish(reports, summary, io.color && !options.output);
    }
}

/** Applies the first fix of every fixable finding, file by file; returns how many applied. */
async function applyAllFixes(built: readonly BuiltDocument[]): Promise<number> {
    let total = 0;
    for (const { document, diagnostics } of built) {
        const edits = diagnostics.flatMap((d) => toReported(d).fixes?.[0]?.edits ?? [])
            .filter((e) => e.uri === document.uri.toString());
        if (edits.length === 0) continue;
        const path = document.uri.fsPath;
        const { text, applied } = applyEdits(await readFile(path, 'utf8'), edits);
        await writeFile(path, text);
        total += applied;
    }
    return total;
}

/** A fresh service container, so the rebuild after --fix reads the fixed files from disk. */
function createFresh(options: CheckOptions) {
    const services = createNodeArchServices();
    if (options.config) services.archlint.Config.setExplicit(loadConfig(options.config));
    return services;
}

function inSystem(document: BuiltDocument['document'], line: number, system: string): boolean {
    const node = document.parseResult.value.systems.find((s) => s.name === system);
    const range = node?.$cstNode?.range;
    return !!range && line >= range.start.line && line <= range.end.line;
}
