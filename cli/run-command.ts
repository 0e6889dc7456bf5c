/** Runs one command: its exit code, or for any error one line on stderr and exit 2 (the one mapping of errors to codes). */
import { ArchlintError } from '../language-server/errors.js';
import { printable } from '../language-server/printable.js';
import type { CommandIO, ExitCode } from './io.js';

/**
 * One line for stderr: an ArchlintError's own message, or for a bug "internal error" and its
 * message (the stack only with ARCHLINT_DEBUG=1, on the lines after).
 */
export function describeFailure(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ArchlintError) return printable(message);
    const stack = process.env.ARCHLINT_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
    return `internal error: ${printable(message)} (please report it; ARCHLINT_DEBUG=1 prints the stack)${stack}`;
}

/** Runs `action` for `archlint <command>`; a thrown error becomes `archlint <command>: reason` and exit 2. */
export async function runCommand(command: string, action: (io: CommandIO) => Promise<ExitCode> | ExitCode, io: CommandIO): Promise<ExitCode> {
    try {
        return await action(io);
    } catch (error) {
        io.stderr(`archlint ${command}: ${describeFailure(error)}\n`);
        return 2;
    }
}
