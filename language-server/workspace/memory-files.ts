/**
 * A read-only file system held in memory, for a language server without a disk (the browser
 * playground): its files are the bundled samples, so that their imports resolve as on disk.
 */
import { UriUtils, type FileSystemNode, type FileSystemProvider, type URI } from 'langium';
import { FileReadError } from '../errors.js';

/** Files keyed by URI (`inmemory:///samples/chat.arch`); folders are implied by their paths. */
export class MemoryFileSystemProvider implements FileSystemProvider {
    private readonly files: ReadonlyMap<string, string>;

    constructor(files: Iterable<readonly [URI, string]>) {
        this.files = new Map([...files].map(([uri, text]) => [uri.toString(), text]));
    }

    statSync(uri: URI): FileSystemNode {
        if (this.files.has(uri.toString())) return { isFile: true, isDirectory: false, uri };
        if (this.isFolder(uri)) return { isFile: false, isDirectory: true, uri };
        throw new FileReadError(uri.path, 'no such file');
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        return this.files.has(uri.toString()) || this.isFolder(uri);
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readFileSync(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw new FileReadError(uri.path, this.isFolder(uri) ? 'it is a folder' : 'no such file');
        return text;
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        const prefix = folderPrefix(uri);
        const children = new Map<string, FileSystemNode>();
        for (const key of this.files.keys()) {
            if (!key.startsWith(prefix)) continue;
            const [name, ...deeper] = key.slice(prefix.length).split('/');
            const child = UriUtils.joinPath(uri, name);
            children.set(name, { isFile: deeper.length === 0, isDirectory: deeper.length > 0, uri: child });
        }
        return [...children.values()];
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }

    private isFolder(uri: URI): boolean {
        const prefix = folderPrefix(uri);
        for (const key of this.files.keys()) if (key.startsWith(prefix)) return true;
        return false;
    }
}

function folderPrefix(uri: URI): string {
    const text = uri.toString();
    return text.endsWith('/') ? text : `${text}/`;
}

/** The file system module of a language server whose files are `files`. */
export function memoryFileSystem(files: Iterable<readonly [URI, string]>): { fileSystemProvider: () => MemoryFileSystemProvider } {
    return { fileSystemProvider: () => new MemoryFileSystemProvider(files) };
}
