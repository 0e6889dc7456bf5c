/**
 * Scoping: a reference sees every component and zone of its system (at any zone depth),
 * the file's top-level elements, and what its imports declare. One name map per system is
 * cached for the whole workspace build: Langium's default scoping searches candidates one by one.
 */
import {
    AstUtils, DefaultScopeComputation, DefaultScopeProvider, EMPTY_SCOPE, MapScope, MultiMap, WorkspaceCache,
    type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols,
    type ReferenceInfo, type Scope,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { ArchImports } from '../workspace/imports.js';
import type { ArchCoreServices } from '../arch-core-module.js';
import * as ast from '../generated/ast.js';

/** Every named component and zone below `container`, depth first. */
export function* namedElements(elements: Iterable<ast.SystemMember>): Generator<ast.Named> {
    for (const element of elements) {
        if (ast.isComponent(element)) yield element;
        else if (ast.isZone(element)) {
            yield element;
            yield* namedElements(element.elements);
        }
    }
}

/** Every named component and zone of a document, in systems or at top level. */
export function* documentElements(document: ast.Document): Generator<ast.Named> {
    yield* namedElements(document.elements);
    for (const system of document.systems) yield* namedElements(system.members);
}

/** Exports every component and zone, so that importing files can see them. */
export class ArchScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, _cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return [];
        return [...documentElements(root)].filter((n) => n.name).map((n) => this.descriptions.createDescription(n, n.name, document));
    }

    /** Local scopes are computed lazily by ArchScopeProvider instead. */
    override async collectLocalSymbols(_document: LangiumDocument, _cancelToken?: CancellationToken): Promise<LocalSymbols> {
        return new MultiMap();
    }
}

/** Resolves references through one cached name map per system. */
export class ArchScopeProvider extends DefaultScopeProvider {
    private readonly scopes: WorkspaceCache<AstNode, Scope>;
    /** Read lazily: the shared services depend on the linker, which depends on this. */
    private readonly imports: () => ArchImports;

    constructor(services: ArchCoreServices) {
        super(services);
        this.scopes = new WorkspaceCache(services.shared);
        this.imports = () => services.shared.archlint.Imports;
    }

    override getScope(context: ReferenceInfo): Scope {
        const system = AstUtils.getContainerOfType(context.container, ast.isSystem);
        const root = AstUtils.getContainerOfType(context.container, ast.isDocument);
        const owner = system ?? root;
        if (!owner || !root) return EMPTY_SCOPE;
        return this.scopes.get(owner, () => this.createSystemScope(root, system));
    }

    private createSystemScope(root: ast.Document, system: ast.System | undefined): Scope {
        const document = AstUtils.getDocument(root);
        const describe = (nodes: Iterable<ast.Named>): AstNodeDescription[] =>
            [...nodes].filter((n) => n.name).map((n) => this.descriptions.createDescription(n, n.name, document));
        const imported: AstNodeDescription[] = [];
        for (const other of this.imports().importedDocuments(root, document.uri)) {
            const otherDoc = AstUtils.getDocument(other);
            for (const n of documentElements(other)) if (n.name) imported.push(this.descriptions.createDescription(n, n.name, otherDoc));
        }
        const outer = new MapScope(imported);
        const fileScope = new MapScope(describe(namedElements(root.elements)), outer);
        return system ? new MapScope(describe(namedElements(system.members)), fileScope) : fileScope;
    }
}
