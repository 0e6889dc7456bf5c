/** Import paths: resolved relative to the importing file, the same way in the server and the CLI. */
import { URI, UriUtils, type LangiumDocuments } from 'langium';
import * as ast from './generated/ast.js';

/** The URI an `import "path"` of `from` points at. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/** The documents `document` imports that are loaded, with their URIs. */
export function importedDocuments(document: ast.Document, from: URI, documents: LangiumDocuments): ast.Document[] {
    const result: ast.Document[] = [];
    for (const imp of document.imports) {
        if (!imp.path) continue;
        const target = documents.getDocument(resolveImport(from, imp.path));
        if (target && ast.isDocument(target.parseResult.value)) result.push(target.parseResult.value);
    }
    return result;
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
