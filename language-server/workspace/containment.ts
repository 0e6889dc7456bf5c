/**
 * Whether a file lies in a folder, the question the import policy asks of the file system: the
 * Node one answers with symbolic links followed and the platform's path rules
 * (ArchNodeFileSystemProvider); any other (in memory, empty) compares the URIs' paths.
 */
import type { FileSystemProvider, URI } from 'langium';

/** A file system that knows better than the URIs' paths whether a file lies in a folder. */
export interface FolderAware {
    /** Whether `file` lies in `folder` (or is it). */
    contains(folder: URI, file: URI): boolean;
}

/** Whether `file`'s path lies in `folder`'s (or is it), both of one scheme. */
export function pathContains(folder: URI, file: URI): boolean {
    return file.path === folder.path || file.path.startsWith(folder.path.endsWith('/') ? folder.path : `${folder.path}/`);
}

/** Whether `file` lies in `folder` on `files`. */
export function contains(files: FileSystemProvider | FolderAware, folder: URI, file: URI): boolean {
    if (folder.scheme !== file.scheme) return false;
    return 'contains' in files ? files.contains(folder, file) : pathContains(folder, file);
}
