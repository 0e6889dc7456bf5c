/** Headless use of the core: load files with their imports, build, and collect diagnostics. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver';
import { createArchServices, type ArchServices } from './arch-module.js';
import * as ast from './generated/ast.js';
import { resolveImport } from './imports.js';

/** A file that could not be read, with the reason. */
export class FileReadError extends Error {
    constructor(readonly path: string, reason: string) {
        super(`cannot read ${path}: ${reason}`);
    }
}

/** Creates services for a process that reads files from disk. */
export function createNodeArchServices(): ArchServices {
    return createArchServices(NodeFileSystem).Arch;
}

/** A built document with its diagnostics. */
export interface BuiltDocument {
    document: LangiumDocument<ast.Document>;
    diagnostics: Diagnostic[];
}

/**
 * Loads `paths` and everything they import (relative to the importing file), builds all of
 * them with validation, and returns the requested documents in order. Unreadable requested
 * files throw FileReadError; unreadable imports are reported on the import statement.
 */
export async function buildFiles(services: ArchServices, paths: readonly string[]): Promise<BuiltDocument[]> {
    const documents = services.shared.workspace.LangiumDocuments;
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const requested: LangiumDocument<ast.Document>[] = [];
    const load = async (uri: URI, required: boolean): Promise<LangiumDocument | undefined> => {
        if (documents.hasDocument(uri)) return documents.getDocument(uri);
        let text: string;
        try {
            text = await readFile(uri.fsPath, 'utf8');
        } catch (error) {
            if (required) throw new FileReadError(uri.fsPath, (error as NodeJS.ErrnoException).code ?? String(error));
            return undefined;
        }
        const document = factory.fromString(text, uri);
        documents.addDocument(document);
        return document;
    };
    const queue: URI[] = [];
    for (const path of paths) {
        const document = (await load(URI.file(resolve(path)), true)) as LangiumDocument<ast.Document>;
        requested.push(document);
        queue.push(document.uri);
    }
    const seen = new Set<string>();
    while (queue.length) {
        const uri = queue.pop()!;
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        const document = documents.getDocument(uri);
        const root = document?.parseResult.value;
        if (!ast.isDocument(root)) continue;
        for (const imp of root.imports) {
            if (!imp.path) continue;
            const target = resolveImport(uri, imp.path);
            if (await load(target, false)) queue.push(target);
        }
    }
    await services.shared.workspace.DocumentBuilder.build([...documents.all], { validation: true });
    return requested.map((document) => ({ document, diagnostics: document.diagnostics ?? [] }));
}

/** Parses and validates one in-memory text (tests, fuzzing, benchmarks). */
export async function buildText(services: ArchServices, text: string, uri = `file:///memory/${Math.random().toString(36).slice(2)}.arch`): Promise<BuiltDocument> {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<ast.Document>(text, URI.parse(uri));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return { document, diagnostics: document.diagnostics ?? [] };
}
