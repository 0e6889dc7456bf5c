/** `archlint check`: lint files, folders and globs; print findings in one of four formats. */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { URI } from 'langium';
import { buildFiles, createNodeArchServices, type BuiltDocument } from '../../language-server/workspace.js';
import { readSourceFileWithBom } from '../../language-server/workspace/source-files.js';
import type { ArchCoreServices } from '../../language-server/arch-core-module.js';
import { ArchlintError } from '../../language-server/errors.js';
import { plural } from '../../language-server/rules/report-helpers.js';
import { applyEdits } from '../../language-server/rules/fixes.js';
import type { Severity } from '../../language-server/rules/rule.js';
import { expandPaths } from '../files.js';
import { loadConfigFile } from '../config-files.js';
import type { CommandIO, ExitCode, ReadOptions } from '../io.js';
import { summarise, toReported, type FileReport } from '../report.js';
import { formatStylish } from '../formatters/stylish.js';
import { formatJson } from '../formatters/json.js';
import { formatSarif } from '../formatters/sarif.js';
import { formatGithub } from '../formatters/github.js';

/** Options of `archlint check`, as commander parses them. */
export interface CheckOptions extends ReadOptions {
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
    const explicit = options.config ? loadConfigFile(options.config) : undefined;
    let configError: Error | undefined;
    const services = () => {
        const created = createNodeArchServices({ allowOutsideImports: options.allowOutsideImports });
        created.archlint.Config.setExplicit(explicit);
        created.archlint.Config.onError = (error) => (configError ??= error);
        return created;
    };

    let built = await buildFiles(services(), files);
    if (configError) throw new ArchlintError(configError.message);
    if (options.fix) built = await fixAll(built, files, services);

    const reports = fileReports(built, options);
    const summary = summarise(reports);
    const text = format(reports, summary, options, io, version);
    if (options.output) {
        try {
            await writeFile(options.output, text);
        } catch (error) {
            throw new ArchlintError(`cannot write '${options.output}': ${(error as NodeJS.ErrnoException).code ?? error}`);
        }
    } else if (text) io.stdout(text);

    const failing = reports.some((r) => r.diagnostics.some((d) => RANK[d.severity] >= RANK[options.failOn]));
    const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
    if (tooManyWarnings && !failing) io.stderr(`archlint: ${plural(summary.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}.\n`);
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

/** Fix passes at most: a fix can reveal a finding whose own fix applies next (as ESLint does, up to 10). */
const MAX_FIX_PASSES = 10;

/**
 * Applies the first fix of every fixable finding, rebuilding in memory until no fix applies
 * (a fixed point: a second `--fix` changes nothing), then writes the changed files: none is
 * written unless every one can be, so a read-only file leaves all of them as they were.
 * Returns the final build.
 */
async function fixAll(built: BuiltDocument[], files: readonly string[], services: () => ArchCoreServices): Promise<BuiltDocument[]> {
    const originals = new Map<string, { text: string; bom: boolean }>();
    const texts = new Map<string, string>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        let applied = 0;
        for (const { document, diagnostics } of built) {
            const edits = diagnostics.flatMap((d) => toReported(d).fixes?.[0]?.edits ?? []).filter((e) => e.uri === document.uri.toString());
            if (edits.length === 0) continue;
            const path = document.uri.fsPath;
            if (!originals.has(path)) originals.set(path, await readSourceFileWithBom(path));
            const result = applyEdits(texts.get(path) ?? originals.get(path)!.text, edits);
            texts.set(path, result.text);
            applied += result.applied;
        }
        if (applied === 0) break;
        built = await buildFiles(services(), files, texts);
    }
    const changed = [...texts].filter(([path, text]) => text !== originals.get(path)!.text);
    const unwritable: string[] = [];
    for (const [path] of changed) {
        try {
            await access(path, constants.W_OK);
        } catch (error) {
            unwritable.push(`${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
        }
    }
    if (unwritable.length) throw new ArchlintError(`--fix changed no file: cannot write ${unwritable.join(', ')}`);
    const written: string[] = [];
    for (const [path, text] of changed) {
        try {
            await writeFile(path, originals.get(path)!.bom ? `\uFEFF${text}` : text);
            written.push(path);
        } catch (error) {
            const done = written.length ? `; already fixed: ${written.join(', ')}` : '; no file was changed';
            throw new ArchlintError(`--fix cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? error})${done}`);
        }
    }
    return built;
}

function inSystem(document: BuiltDocument['document'], line: number, system: string): boolean {
    const node = document.parseResult.value.systems.find((s) => s.name === system);
    const range = node?.$cstNode?.range;
    return !!range && line >= range.start.line && line <= range.end.line;
}
