/**
 * Imports, one policy for the server and the CLI: `import "path"` is resolved relative to the
 * importing file, reads only `.arch` files, and may not leave the workspace folder that holds
 * the importing file (the editor's workspace folders; for the CLI the current directory; a file
 * outside all of them has its own folder) unless `allowOutsideWorkspace` is set. Imported files
 * that no editor has open are read from disk by the document builder (loadMissing).
 */
import { URI, UriUtils, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import * as ast from '../generated/ast.js';
import { FileReadError } from '../errors.js';
import { contains } from './containment.js';
import { printable } from '../printable.js';

/** Where imports may read from. */
export interface ImportSettings {
    /** Workspace folders; empty: the editor's workspace folders, if any. */
    roots: readonly URI[];
    /** Whether an import may read a file outside the importing file's workspace folder. */
    allowOutsideWorkspace: boolean;
}

/** The file an import reads, or why it may not read one. */
export type ImportTarget = { uri: URI; problem?: undefined } | { problem: string; uri?: undefined };

/** The import policy and the loading of imported files from disk. */
export class ArchImports {
    private settings: ImportSettings = { roots: [], allowOutsideWorkspace: false };
    /** Why an import target could not be read, by URI. */
    private readonly unreadable = new Map<string, string>();

    constructor(private readonly services: LangiumSharedCoreServices) {}

    /** Changes where imports may read from (the CLI's directory, the editor's setting). */
    configure(settings: Partial<ImportSettings>): void {
        this.settings = { ...this.settings, ...settings };
    }

    /** The file `import "path"` in `from` reads, or why it may not. */
    target(from: URI, path: string): ImportTarget {
        if (!path.endsWith('.arch')) return { problem: `only .arch files can be imported, and '${printable(path)}' is not one` };
        const uri = UriUtils.resolvePath(UriUtils.dirname(from), path);
        if (!this.settings.allowOutsideWorkspace && from.scheme === 'file') {
            const root = this.rootOf(from);
            if (!this.inside(root, uri)) {
                return { problem: `'${printable(path)}' is outside the workspace (${printable(root.fsPath)}); imports stay inside it unless allowed (--allow-outside-imports, or the setting archlint.imports.allowOutsideWorkspace)` };
            }
        }
        const why = this.unreadable.get(uri.toString());
        return why ? { problem: why } : { uri };
    }

    /** The documents `document` imports that are loaded and allowed. */
    importedDocuments(document: ast.Document, from: URI): ast.Document[] {
        const documents = this.services.workspace.LangiumDocuments;
        const result: ast.Document[] = [];
        for (const imp of document.imports) {
            const target = imp.path ? this.target(from, imp.path).uri : undefined;
            const root = target && documents.getDocument(target)?.parseResult.value;
            if (ast.isDocument(root)) result.push(root);
        }
        return result;
    }

    /** Reads from disk every file `documents` import (transitively) that is not loaded yet; returns the new documents. */
    async loadMissing(documents: readonly LangiumDocument[]): Promise<LangiumDocument[]> {
        const langiumDocuments = this.services.workspace.LangiumDocuments;
        const factory = this.services.workspace.LangiumDocumentFactory;
        const fileSystem = this.services.workspace.FileSystemProvider;
        const added: LangiumDocument[] = [];
        const queue = [...documents];
        for (let document = queue.pop(); document; document = queue.pop()) {
            const root = document.parseResult.value;
            if (!ast.isDocument(root)) continue;
            for (const imp of root.imports) {
                const uri = imp.path ? this.target(document.uri, imp.path).uri : undefined;
                if (!uri || langiumDocuments.hasDocument(uri)) continue;
                let text: string;
                try {
                    text = await fileSystem.readFile(uri);
                } catch (error) {
                    // An unreadable file is reported on the import; a missing one as not found.
                    if (error instanceof FileReadError && error.reason !== 'no such file') this.unreadable.set(uri.toString(), error.reason);
                    continue;
                }
                this.unreadable.delete(uri.toString());
                const imported = factory.fromString(text, uri);
                langiumDocuments.addDocument(imported);
                added.push(imported);
                queue.push(imported);
            }
        }
        return added;
    }

    /** The workspace folder that holds `file`, or its own folder. */
    private rootOf(file: URI): URI {
        const folders = this.settings.roots.length ? this.settings.roots
            : (this.services.workspace.WorkspaceManager.workspaceFolders ?? []).map((f) => URI.parse(f.uri));
        return folders.find((root) => this.inside(root, file)) ?? UriUtils.dirname(file);
    }

    /** Whether `uri` lies in the folder `root`, as the file system sees it (symbolic links followed on disk). */
    private inside(root: URI, uri: URI): boolean {
        return contains(this.services.workspace.FileSystemProvider, root, uri);
    }
}

/** The URI an `import "path"` of `from` points at. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/**
 * The import cycle that starts at `imp`, as the list of file URIs around it, or undefined.
 * Walks loaded documents only; missing files are reported separately.
 */
export function findImportCycle(imp: ast.Import, from: URI, documents: LangiumDocuments): URI[] | undefined {
    const start = from.toString();
    const first = resolveImport(from, imp.path);
    const seen = new Set<string>();
    const walk = (uri: URI, trail: URI[]): URI[] | undefined => {
        const key = uri.toString();
        if (key === start) return [from, ...trail];
        if (seen.has(key)) return undefined;
        seen.add(key);
        const doc = documents.getDocument(uri);
        if (!doc || !ast.isDocument(doc.parseResult.value)) return undefined;
        for (const next of doc.parseResult.value.imports) {
            if (!next.path) continue;
            const target = resolveImport(uri, next.path);
            const cycle = walk(target, [...trail, target]);
            if (cycle) return cycle;
        }
        return undefined;
    };
    return walk(first, [first]);
}
