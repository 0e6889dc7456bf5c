/** Headless use of the core: load files with their imports, build, and collect diagnostics. */
import { resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createArchCoreServices, type ArchCoreServices } from './arch-core-module.js';
import type * as ast from './generated/ast.js';
import { ArchNodeFileSystem } from './workspace/source-files.js';

export { FileReadError } from './errors.js';

/** Where the files of a headless run may import from. */
export interface NodeImportOptions {
    /** The workspace folder (default: the current directory). */
    root?: string;
    /** Whether imports may read files outside it. */
    allowOutsideImports?: boolean;
}

/** Creates services for a headless process that reads files from disk (no editor features). */
export function createNodeArchServices(options: NodeImportOptions = {}): ArchCoreServices {
    const { Arch } = createArchCoreServices(ArchNodeFileSystem);
    Arch.shared.archlint.Imports.configure({
        roots: [URI.file(resolve(options.root ?? process.cwd()))],
        allowOutsideWorkspace: options.allowOutsideImports ?? false,
    });
    return Arch;
}

/** A built document with its diagnostics. */
export interface BuiltDocument {
    document: LangiumDocument<ast.Document>;
    diagnostics: Diagnostic[];
}

/**
 * Loads `paths` (or their new text from `texts`, by absolute path), builds them with validation
 * (the builder reads what they import, relative to the importing file), and returns them in
 * order. An unreadable requested file throws FileReadError; unreadable imports are reported on
 * the import statement.
 */
export async function buildFiles(services: ArchCoreServices, paths: readonly string[], texts: ReadonlyMap<string, string> = new Map()): Promise<BuiltDocument[]> {
    const documents = services.shared.workspace.LangiumDocuments;
    const requested: LangiumDocument<ast.Document>[] = [];
    for (const path of paths) {
        const uri = URI.file(resolve(path));
        const text = texts.get(uri.fsPath) ?? await services.shared.workspace.FileSystemProvider.readFile(uri);
        const document = documents.getDocument(uri) ?? services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        if (!documents.hasDocument(uri)) documents.addDocument(document);
        requested.push(document as LangiumDocument<ast.Document>);
    }
    await services.shared.workspace.DocumentBuilder.build(requested, { validation: true });
    return requested.map((document) => ({ document, diagnostics: document.diagnostics ?? [] }));
}

/** Parses and validates one in-memory text (tests, fuzzing, benchmarks). */
export async function buildText(services: ArchCoreServices, text: string, uri = `file:///memory/${Math.random().toString(36).slice(2)}.arch`): Promise<BuiltDocument> {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<ast.Document>(text, URI.parse(uri));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return { document, diagnostics: document.diagnostics ?? [] };
}
