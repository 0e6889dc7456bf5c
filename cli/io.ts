/** What a command may do to the outside: main owns the streams and the exit code. */

/** Streams and terminal facts handed to every command by cli/main. */
export interface CommandIO {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Whether stdout is a terminal (progress bars, colours). */
    isTTY: boolean;
    color: boolean;
}

/** The CLI's exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or I/O error. */
export type ExitCode = 0 | 1 | 2;

/** Options every command that reads models takes. */
export interface ReadOptions {
    /** Whether imports may read files outside the current directory. */
    allowOutsideImports?: boolean;
}
