/**
 * What Archlint reads at most, the same in the editor and the CLI: beyond these a file gets
 * one clear error instead of a frozen server or a crash (a recursive-descent parser, and the
 * analyses over zone and flow trees, use the stack once per level).
 */

/** The largest file read, in bytes (about 13,000 components in one file; split bigger models with imports). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The deepest nesting of blocks, lists and a flow's chained steps. */
export const MAX_NESTING = 64;

/** `2.0 MB` for people. */
export function formatBytes(bytes: number): string {
    return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
