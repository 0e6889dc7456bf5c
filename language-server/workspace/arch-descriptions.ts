/**
 * Descriptions of named nodes and of references, made without the work nobody may ask for:
 * Langium computes each description's path in the tree and source range, and each
 * reference's, the moment it describes them, for every element of every file. Here they are
 * computed when first read (navigation, find-references, rename), and the same values then:
 * the tree a description points into never changes. The reference pass walks the tree with
 * ast-walk.ts instead of awaiting once per node.
 */
import {
    AstUtils, Cancellation, CstUtils, DefaultAstNodeDescriptionProvider, DefaultLinker, DefaultReferenceDescriptionProvider, UriUtils,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type DocumentSegment, type LangiumDocument,
    type NameProvider, type ReferenceDescription, type URI,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { forEachReference, walkAst } from './ast-walk.js';

/** A description whose path and segments are computed on first read. */
class LazyNodeDescription implements AstNodeDescription {
    readonly type: string;
    private madePath: string | undefined;
    private madeNameSegment: DocumentSegment | undefined;
    private madeSelectionSegment: DocumentSegment | undefined;

    constructor(readonly node: AstNode, readonly name: string, readonly documentUri: URI, private readonly locator: AstNodeLocator, private readonly names: NameProvider) {
        this.type = node.$type;
    }

    get path(): string {
        return this.madePath ??= this.locator.getAstNodePath(this.node);
    }

    get nameSegment(): DocumentSegment {
        return this.madeNameSegment ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode!);
    }

    get selectionSegment(): DocumentSegment {
        return this.madeSelectionSegment ??= CstUtils.toDocumentSegment(this.node.$cstNode!);
    }
}

/** Langium's node descriptions, with the path and segments computed when read. */
export class ArchAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const uri = (document ?? AstUtils.getDocument(node)).uri;
        const named = name ?? this.nameProvider.getName(node);
        if (!named) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyNodeDescription(node, named, uri, this.astNodeLocator, this.nameProvider);
    }
}

/** A description of one reference whose source path and segment are computed on first read. */
class LazyReferenceDescription implements ReferenceDescription {
    readonly targetUri: URI;
    readonly local: boolean;
    private madeSourcePath: string | undefined;
    private madeSegment: DocumentSegment | undefined;

    constructor(readonly sourceUri: URI, private readonly container: AstNode, private readonly refNode: NonNullable<AstNode['$cstNode']>, private readonly target: AstNodeDescription, private readonly locator: AstNodeLocator) {
        this.targetUri = target.documentUri;
        this.local = UriUtils.equals(target.documentUri, sourceUri);
    }

    get sourcePath(): string {
        return this.madeSourcePath ??= this.locator.getAstNodePath(this.container);
    }

    get targetPath(): string {
        return this.target.path;
    }

    get segment(): DocumentSegment {
        return this.madeSegment ??= CstUtils.toDocumentSegment(this.refNode);
    }
}

/** Langium's reference descriptions (single references: Arch has no multi-references), made lazily in one walk. */
export class ArchReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const sourceUri = document.uri;
        await walkAst(document.parseResult.value, cancelToken, (node) => forEachReference(node, ({ reference, container }) => {
            const target = reference.error ? undefined : reference.$nodeDescription;
            if (target && reference.$refNode) descriptions.push(new LazyReferenceDescription(sourceUri, container, reference.$refNode, target, this.nodeLocator));
        }));
        return descriptions;
    }
}

/** Langium's linker, walking the tree with ast-walk.ts instead of awaiting once per node. */
export class ArchLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        await walkAst(document.parseResult.value, cancelToken, (node) => forEachReference(node, (found) => this.doLink(found, document)));
    }
}
