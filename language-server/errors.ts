/** The one kind of error a person can act on: the CLI prints its message as one line and exits 2, the server shows it. */

/** A mistake in the input or the environment (a bad option, an unreadable file, a broken configuration), not a bug. */
export class ArchlintError extends Error {}
