/**
 * `archlint playground [file]`: serves the built browser playground from this machine
 * (127.0.0.1, a free port), prints its address, with FILE's model in the address (the share
 * link), and opens it in the default browser unless told not to. Runs until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { ArchlintError } from '../../language-server/errors.js';
import { readSourceFile } from '../../language-server/workspace/source-files.js';
import { encodeShare, shareFileName } from '../../playground/share.js';
import { serveFolder } from '../static-server.js';
import type { CommandIO, ExitCode } from '../io.js';

/** Options of `archlint playground`. */
export interface PlaygroundOptions {
    port?: number;
    /** Whether to open the address in the default browser. */
    open: boolean;
}

/** The name FILE has in the playground: its path under a samples folder (so its imports resolve to the bundled samples), else its base name. */
function playgroundName(file: string): string {
    const path = resolve(file);
    const samples = path.split(sep).lastIndexOf('samples');
    return shareFileName(samples >= 0 ? relative(path.split(sep).slice(0, samples + 1).join(sep), path) : basename(path));
}

/** Opens `url` with the platform's opener; a machine without one just keeps the printed address. */
function openBrowser(url: string): void {
    const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
}

/** Serves the playground folder `root` with `file` in it until SIGINT or SIGTERM. */
export async function runPlayground(root: string, file: string | undefined, options: PlaygroundOptions, io: CommandIO): Promise<ExitCode> {
    if (!existsSync(join(root, 'index.html'))) throw new ArchlintError(`the playground is not built in ${root}: run \`npm run playground\` in the archlint repository first`);
    const fragment = file ? `#${await encodeShare({ file: playgroundName(file), text: await readSourceFile(file) })}` : '';
    let server;
    try {
        server = await serveFolder(root, { port: options.port });
    } catch (error) {
        throw new ArchlintError(`cannot serve the playground on 127.0.0.1${options.port ? `:${options.port}` : ''}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    const url = `${server.url}${fragment}`;
    io.stdout(`Archlint playground: ${url}\nServing ${root} on 127.0.0.1 only. Press Ctrl-C to stop.\n`);
    if (options.open) openBrowser(url);
    const running = server;
    return new Promise<ExitCode>((done) => {
        const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void running.close().then(() => done(0));
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}
