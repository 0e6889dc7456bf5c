/** The `archlint` command line: the only place that prints and sets the exit code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../language-server/package-root.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError, type CommandIO, type ExitCode } from './io.js';
import { ConfigError } from '../language-server/rules/config.js';
import { runCheck, type CheckOptions } from './commands/check.js';
import { runExplain, runList } from './commands/explain.js';
import { runSimulate, type SimulateOptions } from './commands/simulate.js';
import { runRender, type RenderOptions } from './commands/render.js';

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
function createProgram(run: (action: (io: CommandIO) => Promise<ExitCode> | ExitCode, color: boolean) => Promise<void>): Command {
    const program = new Command('archlint')
        .description('Lint, simulate and draw system architectures written in the Arch language (.arch).')
        .version(pkg.version)
        .option('--no-color', 'disable colours')
        .option('--quiet', 'report errors only')
        .option('--config <file>', 'configuration file (default: archlint.config.json found upward from each file)')
        .option('--system <name>', 'the system to work on, in a file with several')
        .showHelpAfterError()
        .exitOverride();

    const global = () => program.opts<{ color: boolean; quiet?: boolean; config?: string; system?: string }>();

    program.command('check')
        .description('lint .arch files, folders (recursively) or globs')
        .argument('[paths...]', 'files, folders or globs', [])
        .addOption(new Option('--format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
        .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run').choices(['error', 'warning', 'info']).default('error'))
        .option('--max-warnings <n>', 'fail when there are more warnings than this', wholeNumber)
        .option('-o, --output <file>', 'write the report to a file')
        .option('--fix', 'apply the mechanical fixes in place', false)
        .action(async (paths: string[], options: Omit<CheckOptions, 'quiet' | 'config' | 'system'>) => {
            const { quiet = false, config, system, color } = global();
            await run((io) => runCheck(paths, { ...options, quiet, config, system }, io, pkg.version), color);
        });

    program.command('simulate')
        .description('simulate one system: throughput, latency percentiles, utilisation, hit rates, shard load, queues')
        .argument('<file>', 'the .arch file')
        .option('--scenario <name>', 'run a scenario of the system')
        .option('--duration <time>', 'simulated time, e.g. 60s or 5m (default: the scenario\'s, else 60s)')
        .option('--seed <n>', 'random seed (same input and seed, same report)', wholeNumber)
        .option('--rps <n>', 'offered requests per second, overriding the workload', positiveNumber)
        .option('--analytic', 'the closed-form estimate only (instant)')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .action(async (file: string, options: Omit<SimulateOptions, 'system'>) => {
            const { system, color } = global();
            await run((io) => runSimulate(file, { ...options, system }, io), color);
        });

    program.command('render')
        .description('lay the system out with ELK and write an SVG (or PNG)')
        .argument('<file>', 'the .arch file')
        .option('-o, --output <file>', 'where to write: .svg or .png (default: SVG on standard output)')
        .addOption(new Option('--direction <direction>', 'direction of the layers').choices(['right', 'down']).default('right'))
        .addOption(new Option('--theme <theme>', 'colours').choices(['light', 'dark']).default('light'))
        .addOption(new Option('--overlay <overlay>', 'colour nodes by simulated utilisation').choices(['simulation']))
        .option('--json', 'print the laid-out graph as JSON instead of a picture')
        .action(async (file: string, options: Omit<RenderOptions, 'system'>) => {
            const { system, color } = global();
            await run((io) => runRender(file, { ...options, system }, io), color);
        });

    program.command('explain')
        .description("print a rule's documentation")
        .argument('[rule]', 'rule id, e.g. spof')
        .option('--list', 'list every rule')
        .action(async (rule: string | undefined, options: { list?: boolean }) => {
            await run((io) => {
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
    const run = async (action: (io: CommandIO) => Promise<ExitCode> | ExitCode, color: boolean) => {
        const io = createIO(color);
        try {
            process.exitCode = await action(io);
        } catch (error) {
            const usage = error instanceof UsageError || error instanceof ConfigError;
            const message = usage ? error.message : `internal error: ${(error as Error).stack ?? error}`;
            process.stderr.write(`archlint: ${message}\n`);
            process.exitCode = 2;
        }
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

await main(process.argv);
