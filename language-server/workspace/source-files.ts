/**
 * Reading `.arch` files from disk, the same for the CLI, the server's workspace and imports:
 * regular files only (never a device or a pipe), at most MAX_FILE_BYTES, a leading byte order
 * mark dropped (so that columns on line 1 are the editor's).
 */
import { realpathSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { NodeFileSystemProvider } from 'langium/node';
import type { URI } from 'langium';
import { FileReadError } from '../errors.js';
import { MAX_FILE_BYTES, formatBytes } from '../limits.js';
import { pathContains, type FolderAware } from './containment.js';

const BOM = '\uFEFF';
const REASONS: Readonly<Record<string, string>> = {
    ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOTDIR: 'no such file', ELOOP: 'too many symbolic links',
};

/** Whether `text` starts with a byte order mark. */
export function hasBom(text: string): boolean {
    return text.startsWith(BOM);
}

/** The text of the `.arch` file at `path`, without a byte order mark; throws FileReadError. */
export async function readSourceFile(path: string): Promise<string> {
    return (await readSourceFileWithBom(path)).text;
}

/** The text of the file at `path` and whether it had a byte order mark (which `--fix` writes back). */
export async function readSourceFileWithBom(path: string): Promise<{ text: string; bom: boolean }> {
    try {
        // stat first: opening a pipe would wait for a writer.
        const info = await stat(path);
        if (!info.isFile()) throw new FileReadError(path, 'not a regular file');
        if (info.size > MAX_FILE_BYTES) throw new FileReadError(path, tooLarge(info.size));
        const handle = await open(path, 'r');
        try {
            // A file may grow after stat: read one byte past the limit to notice.
            const buffer = Buffer.alloc(Math.min(info.size, MAX_FILE_BYTES) + 1);
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
            if (bytesRead > MAX_FILE_BYTES) throw new FileReadError(path, tooLarge(bytesRead));
            const text = buffer.subarray(0, bytesRead).toString('utf8');
            return hasBom(text) ? { text: text.slice(1), bom: true } : { text, bom: false };
        } finally {
            await handle.close();
        }
    } catch (error) {
        if (error instanceof FileReadError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new FileReadError(path, (code && REASONS[code]) ?? code ?? String(error));
    }
}

function tooLarge(bytes: number): string {
    return `${formatBytes(bytes)}, over the ${formatBytes(MAX_FILE_BYTES)} Archlint reads from one file (split it into files that import each other)`;
}

/** Langium's Node file system, reading `.arch` sources through readSourceFile. */
export class ArchNodeFileSystemProvider extends NodeFileSystemProvider implements FolderAware {
    override readFile(uri: URI): Promise<string> {
        return readSourceFile(uri.fsPath);
    }

    /** Whether `file` lies in `folder`, symbolic links followed where the files exist. */
    contains(folder: URI, file: URI): boolean {
        if (file.scheme !== 'file') return pathContains(folder, file);
        const path = relative(real(folder.fsPath), real(file.fsPath));
        return path === '' || (!path.startsWith('..') && !isAbsolute(path));
    }
}

function real(path: string): string {
    try {
        return realpathSync(path);
    } catch {
        return path;
    }
}

/** The file system module of a process that reads from disk (the CLI and the server). */
export const ArchNodeFileSystem = { fileSystemProvider: () => new ArchNodeFileSystemProvider() };
