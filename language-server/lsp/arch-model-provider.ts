/**
 * The models of a document, built once per document version and shared by validation, inlay
 * hints, the diagram and the simulator (and with them the analysis cached per model). Evicted
 * whenever the document is relinked, which includes changes to the files it imports.
 */
import { DocumentCache, DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import * as ast from '../generated/ast.js';
import { buildModels } from '../model/build-model.js';
import type { ArchModel } from '../model/types.js';

/** Builds and caches the models of each document. */
export class ArchModelProvider {
    private readonly cache: DocumentCache<string, ArchModel[]>;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new DocumentCache(shared, DocumentState.Linked);
    }

    /** One model per system of `document` ([] for a document that is not Arch). */
    modelsOf(document: LangiumDocument): ArchModel[] {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return [];
        return this.cache.get(document.uri, 'models', () => buildModels(root));
    }
}
