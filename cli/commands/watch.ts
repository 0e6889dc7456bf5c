/**
 * `archlint check --watch`: checks once, then re-checks whenever an .arch file (or a config file)
 * in the watched folders changes, like `tsc --watch`. Only the changed files and the files that
 * import them are re-validated (language-server/rebuild.ts); the report is printed again, after
 * clearing the screen on a terminal, and ends with a one-line status (on stdout, as tsc prints
 * it; with -o the report goes to the file and stdout gets the status alone). Ctrl-C ends it with
 * exit code 0.
 */
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { createNodeArchServices, type BuiltDocument } from '../../language-server/workspace.js';
import { rebuildFiles } from '../../language-server/rebuild.js';
import { CONFIG_FILE_NAMES } from '../../language-server/rules/config-schema.js';
import { findConfigFileAbove, loadConfigFile } from '../config-files.js';
import { summarise } from '../report.js';
import { baseFolder, expandPaths, foldersUnder } from '../files.js';
import { ArchlintError } from '../../language-server/errors.js';
import type { CommandIO, ExitCode } from '../io.js';
import { fileReports, format, type CheckOptions } from './check.js';

/** Edits arrive as bursts of events (write, rename, chmod): wait this long for the burst to end. */
const SETTLE_MS = 80;

/** ANSI: clear the screen and the scrollback, cursor home (what `tsc --watch` does on a terminal). */
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

/** Checks `paths`, then again on every change, until SIGINT or SIGTERM. */
export async function runWatch(paths: readonly string[], options: CheckOptions, io: CommandIO, version: string): Promise<ExitCode> {
    if (options.fix) throw new ArchlintError('--fix cannot be combined with --watch');
    const patterns = paths.length ? paths : ['.'];
    const services = createNodeArchServices({ allowOutsideImports: options.allowOutsideImports });
    const config = services.archlint.Config;
    const configErrors: Error[] = [];
    config.onError = (error) => void configErrors.push(error);

    const watchers = new Map<string, FSWatcher>();
    const changed = new Set<string>();
    let configChanged = false;
    let files: string[] = [];
    let running: Promise<void> | undefined;
    let timer: NodeJS.Timeout | undefined;

    /** One check: rebuild what changed, watch what it now covers, then print (so no edit after the print is missed). */
    const cycle = async () => {
        const edited = [...changed];
        changed.clear();
        configErrors.length = 0;
        try {
            if (options.config) config.setExplicit(loadConfigFile(options.config));
            files = expandPaths(patterns);
            const loaded = services.shared.workspace.LangiumDocuments.all.map((d) => d.uri.fsPath).toArray();
            if (configChanged) {
                config.reset();
                edited.push(...loaded);
                configChanged = false;
            }
            // Deletions are read off the disk, whichever event (a file's, its folder's) announced them.
            const built = await rebuildFiles(services, edited.filter((p) => existsSync(p)), loaded.filter((p) => !existsSync(p)), files);
            if (configErrors.length) throw new ArchlintError(configErrors[0].message);
            refreshWatchers();
            await print(built);
        } catch (error) {
            if (!(error instanceof ArchlintError)) throw error;
            refreshWatchers();
            if (io.isTTY) io.stdout(CLEAR);
            io.stderr(`archlint: ${error.message}\n`);
            io.stdout(`${stamp()} Watching for changes (Ctrl-C to exit).\n`);
        }
    };

    const print = async (built: BuiltDocument[]) => {
        const reports = fileReports(built, options);
        const summary = summarise(reports);
        const text = format(reports, summary, options, io, version);
        if (io.isTTY) io.stdout(CLEAR);
        if (options.output) await writeFile(options.output, text).catch((error: NodeJS.ErrnoException) => {
            throw new ArchlintError(`cannot write '${options.output}': ${error.code ?? error}`);
        });
        else if (text) io.stdout(text);
        const counts = `${summary.errors} ${summary.errors === 1 ? 'error' : 'errors'}, ${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'}`;
        io.stdout(`${stamp()} ${counts} in ${summary.files} ${summary.files === 1 ? 'file' : 'files'}. Watching for changes (Ctrl-C to exit).\n`);
    };

    const schedule = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            // One check at a time: changes that arrive during a check start the next one.
            running = (running ?? Promise.resolve()).then(cycle);
        }, SETTLE_MS);
    };

    /** Watches every folder the patterns cover, the folders of loaded files (imports) and of config files. */
    const refreshWatchers = () => {
        const folders = new Set<string>();
        for (const pattern of patterns) {
            const { folder, recursive } = baseFolder(pattern);
            for (const f of recursive ? foldersUnder(folder) : [folder]) folders.add(f);
        }
        for (const document of services.shared.workspace.LangiumDocuments.all) folders.add(dirname(document.uri.fsPath));
        for (const file of files) {
            const found = findConfigFileAbove(dirname(file));
            if (found) folders.add(dirname(found));
        }
        if (options.config) folders.add(dirname(resolve(options.config)));
        for (const [folder, watcher] of watchers) {
            if (!folders.has(folder)) {
                watcher.close();
                watchers.delete(folder);
            }
        }
        for (const folder of folders) {
            if (watchers.has(folder) || !existsSync(folder)) continue;
            const watcher = watch(folder, (_event, name) => {
                const path = resolve(folder, name ?? '');
                if (path.endsWith('.arch')) changed.add(path);
                else if ((CONFIG_FILE_NAMES as readonly string[]).includes(basename(path)) || (options.config && path === resolve(options.config))) configChanged = true;
                else if (name && existsSync(path) && !isFolder(path)) return; // another kind of file
                // Otherwise a folder came or went (or the system did not say what): rescan.
                schedule();
            });
            watcher.on('error', () => watchers.delete(folder));
            watchers.set(folder, watcher);
        }
    };

    await cycle();
    return new Promise<ExitCode>((done) => {
        const stop = () => {
            clearTimeout(timer);
            for (const watcher of watchers.values()) watcher.close();
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            done(0);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}

function isFolder(path: string): boolean {
    try {
        return statSync(path).isDirectory();
    } catch {
        return false;
    }
}

/** `[12:04:05]`, the local time as tsc prints it. */
function stamp(): string {
    return `[${new Date().toLocaleTimeString('en-GB', { hour12: false })}]`;
}
