/**
 * The `archlint` command line: the only place that prints and sets the exit code. Each command
 * loads its own code when it runs (the bundle splits there): `check` never loads the
 * simulator, the diagram, the exporters or the language server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../language-server/package-root.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandIO, ExitCode } from './io.js';
import { runCommand } from './run-command.js';
import type { CheckOptions } from './commands/check.js';
import type { SimulateOptions } from './commands/simulate.js';
import type { RenderOptions } from './commands/render.js';
import type { ExportOptions } from './commands/export.js';
import type { PlaygroundOptions } from './commands/playground.js';
import { EXPORT_FORMATS } from '../language-server/export/formats.js';

const pkg = JSON.parse(readFileSync(join(packageRoot(import.meta.url) ?? '.', 'package.json'), 'utf8')) as { version: string };

function createIO(color: boolean): CommandIO {
    return {
        stdout: (text) => void process.stdout.write(text),
        stderr: (text) => void process.stderr.write(text),
        isTTY: process.stdout.isTTY === true,
        color: color && process.stdout.isTTY === true && !process.env.NO_COLOR,
    };
}

function wholeNumber(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
    return n;
}

function positiveNumber(value: string): number {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
    return n;
}

/** Builds the commander program; each action resolves to an exit code. */
function createProgram(run: (command: string, action: (io: CommandIO) => Promise<ExitCode> | ExitCode, color: boolean) => Promise<void>): Command {
    const program = new Command('archlint')
        .description('Lint, simulate and draw system architectures written in the Arch language (.arch).')
        .version(pkg.version)
        .option('--no-color', 'disable colours')
        .option('--quiet', 'report errors only')
        .option('--config <file>', 'configuration file (default: archlint.config.json found upward from each file)')
        .option('--system <name>', 'the system to work on, in a file with several')
        .option('--allow-outside-imports', 'let imports read .arch files outside the current directory')
        .showHelpAfterError()
        .exitOverride();

    const global = () => program.opts<{ color: boolean; quiet?: boolean; config?: string; system?: string; allowOutsideImports?: boolean }>();

    program.command('check')
        .description('lint .arch files, folders (recursively) or globs')
        .argument('[paths...]', 'files, folders or globs', [])
        .addOption(new Option('--format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
        .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run').choices(['error', 'warning', 'info']).default('error'))
        .option('--max-warnings <n>', 'fail when there are more warnings than this', wholeNumber)
        .option('-o, --output <file>', 'write the report to a file')
        .option('--fix', 'apply the mechanical fixes in place', false)
        .option('--watch', 'check again whenever a file changes (Ctrl-C to stop)')
        .action(async (paths: string[], { watch, ...options }: Omit<CheckOptions, 'quiet' | 'config' | 'system'> & { watch?: boolean }) => {
            const { quiet = false, config, system, color, allowOutsideImports } = global();
            await run('check', async (io) => {
                const check = watch ? (await import('./commands/watch.js')).runWatch : (await import('./commands/check.js')).runCheck;
                return check(paths, { ...options, quiet, config, system, allowOutsideImports }, io, pkg.version);
            }, color);
        });

    program.command('simulate')
        .description('simulate one system: throughput, latency percentiles, utilisation, hit rates, shard load, queues')
        .argument('<file>', 'the .arch file')
        .option('--scenario <name>', 'run a scenario of the system')
        .option('--duration <time>', 'simulated time, e.g. 60s or 5m (default: the scenario\'s, else 60s)')
        .option('--seed <n>', 'random seed (same input and seed, same report)', wholeNumber)
        .option('--rps <n>', 'mean offered requests per second, overriding the workload', positiveNumber)
        .option('--load <load>', 'offered load: peak (rps × peak, what lint judges; the default), mean, or a factor on the mean such as 2x')
        .option('--warmup <time>', 'simulated time left out of the statistics at the start, e.g. 5s')
        .option('--analytic', 'the closed-form estimate only (instant)')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .action(async (file: string, options: Omit<SimulateOptions, 'system'>) => {
            const { system, color, allowOutsideImports } = global();
            await run('simulate', async (io) => (await import('./commands/simulate.js')).runSimulate(file, { ...options, system, allowOutsideImports }, io), color);
        });

    program.command('render')
        .description('lay the system out with ELK and write an SVG (or PNG)')
        .argument('<file>', 'the .arch file')
        .option('-o, --output <file>', 'where to write: .svg or .png (default: SVG on standard output)')
        .addOption(new Option('--direction <direction>', 'direction of the layers (auto: whichever reads larger on a 16:9 screen)').choices(['auto', 'right', 'down']).default('auto'))
        .addOption(new Option('--detail <detail>', 'card detail (auto: full up to 40 components, compact beyond)').choices(['auto', 'full', 'compact']).default('auto'))
        .addOption(new Option('--theme <theme>', 'colours').choices(['light', 'dark']).default('light'))
        .addOption(new Option('--overlay <overlay>', 'colour nodes by simulated utilisation').choices(['simulation']))
        .option('--json', 'print the laid-out graph as JSON instead of a picture')
        .option('--no-legend', 'leave out the legend under the picture')
        .action(async (file: string, options: Omit<RenderOptions, 'system'>) => {
            const { system, color, allowOutsideImports } = global();
            await run('render', async (io) => (await import('./commands/render.js')).runRender(file, { ...options, system, allowOutsideImports }, io), color);
        });

    program.command('export')
        .description('write the system in another diagram language: Mermaid, D2, PlantUML or LikeC4')
        .argument('<file>', 'the .arch file')
        .addOption(new Option('--format <format>', 'target language').choices(EXPORT_FORMATS).makeOptionMandatory())
        .option('-o, --output <file>', 'where to write (default: standard output)')
        .addOption(new Option('--direction <direction>', 'direction of the layers, where the target has one').choices(['right', 'down']).default('right'))
        .action(async (file: string, options: Omit<ExportOptions, 'system'>) => {
            const { system, color, allowOutsideImports } = global();
            await run('export', async (io) => (await import('./commands/export.js')).runExport(file, { ...options, system, allowOutsideImports }, io), color);
        });

    program.command('playground')
        .description('serve the browser playground on this machine (127.0.0.1) and open FILE in it')
        .argument('[file]', 'an .arch file to open in it')
        .option('--port <n>', 'port to serve on (default: a free one)', wholeNumber)
        .option('--no-open', 'print the address without opening a browser')
        .action(async (file: string | undefined, options: PlaygroundOptions) => {
            const root = join(packageRoot(import.meta.url) ?? '.', 'dist', 'playground');
            await run('playground', async (io) => (await import('./commands/playground.js')).runPlayground(root, file, options, io), global().color);
        });

    program.command('explain')
        .description("print a rule's documentation")
        .argument('[rule]', 'rule id, e.g. spof')
        .option('--list', 'list every rule')
        .action(async (rule: string | undefined, options: { list?: boolean }) => {
            await run('explain', async (io) => {
                const { runExplain, runList } = await import('./commands/explain.js');
                if (options.list || !rule) return runList(io);
                return runExplain(rule, io);
            }, global().color);
        });

    program.command('lsp')
        .description('start the language server (for any LSP editor)')
        .option('--stdio', 'talk over standard input and output (the default)')
        .action(async () => {
            const { startServer } = await import('../language-server/main.js');
            startServer();
        });

    return program;
}

async function main(argv: string[]): Promise<void> {
    const run = async (command: string, action: (io: CommandIO) => Promise<ExitCode> | ExitCode, color: boolean) => {
        process.exitCode = await runCommand(command, action, createIO(color));
    };
    try {
        await createProgram(run).parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
            process.exitCode = done ? 0 : 2;
            return;
        }
        throw error;
    }
}

void main(process.argv);
