/** The one kind of error a person can act on: the CLI prints its message as one line and exits 2, the server shows it. */
import { printable } from './printable.js';

/** A mistake in the input or the environment (a bad option, an unreadable file, a broken configuration), not a bug. */
export class ArchlintError extends Error {}

/** A file that could not be read, with the reason in words (whichever file system was asked). */
export class FileReadError extends ArchlintError {
    constructor(readonly path: string, readonly reason: string) {
        super(`cannot read ${printable(path)}: ${reason}`);
    }
}
