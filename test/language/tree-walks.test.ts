/**
 * The linker, the reference index and the validator walk the tree with ast-walk.ts, and
 * describe nodes and references lazily (arch-descriptions.ts): they must visit what Langium's
 * streams visit, in the same order (the order of diagnostics depends on it), and describe what
 * Langium's providers describe; model/source.ts finds properties' CST nodes as Langium does.
 * Over the samples and the published designs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
    AstUtils, Cancellation, DefaultAstNodeDescriptionProvider, GrammarUtils, DefaultReferenceDescriptionProvider, EmptyFileSystem, URI,
    type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceDescription,
} from 'langium';
import { createArchServices } from '../../language-server/arch-module.js';
import { forEachReference, walkAst } from '../../language-server/workspace/ast-walk.js';
import { documentElements } from '../../language-server/lsp/arch-scope-provider.js';
import { propertyNode } from '../../language-server/model/source.js';
import type * as ast from '../../language-server/generated/ast.js';

const FOLDERS = ['../../samples', '../realworld'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));
const FILES = FOLDERS.flatMap((folder) => readdirSync(folder).filter((f) => f.endsWith('.arch')).map((f) => join(folder, f)));

/** Every sample and published design, built together in one workspace (imports resolve); once for both tests. */
let built: ReturnType<typeof buildAll> | undefined;
const buildOnce = () => (built ??= buildAll());

async function buildAll() {
    const services = createArchServices(EmptyFileSystem);
    const { workspace } = services.shared;
    const documents = FILES.map((file, i) => {
        const document = workspace.LangiumDocumentFactory.fromString<ast.Document>(readFileSync(file, 'utf8'), URI.file(`/walks/${i}/${file.split('/').pop()}`));
        workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await workspace.DocumentBuilder.build(documents, { validation: true });
    return { services, documents };
}

const plainDescription = (d: AstNodeDescription) => ({ name: d.name, type: d.type, uri: d.documentUri.toString(), path: d.path, name_: d.nameSegment, selection: d.selectionSegment, node: d.node });
const plainReference = (d: ReferenceDescription) => ({ sourceUri: d.sourceUri.toString(), targetUri: d.targetUri.toString(), sourcePath: d.sourcePath, targetPath: d.targetPath, segment: d.segment, local: d.local });

describe('tree walks and lazy descriptions', () => {
    it('visit the nodes and references Langium\'s streams visit, in the same order', async () => {
        const { documents } = await buildOnce();
        let references = 0;
        for (const document of documents) {
            const root = document.parseResult.value;
            const walked: AstNode[] = [];
            const found: string[] = [];
            // Nodes by identity; references by identity, container, property and index.
            const ids = new Map<unknown, number>();
            const id = (x: unknown) => ids.get(x) ?? ids.set(x, ids.size).get(x)!;
            const key = (r: { reference: unknown; container: unknown; property: string; index?: number }) => `${id(r.reference)} ${id(r.container)} ${r.property} ${r.index}`;
            await walkAst(root, Cancellation.CancellationToken.None, (node) => {
                walked.push(node);
                forEachReference(node, (r) => found.push(key(r)));
            });
            expect(walked.map(id)).toEqual(AstUtils.streamAst(root).toArray().map(id));
            const streamed = AstUtils.streamAst(root).flatMap((node) => AstUtils.streamReferences(node)).toArray().map(key);
            expect(found).toEqual(streamed);
            references += streamed.length;
        }
        expect(references).toBeGreaterThan(100);
    });

    it('find the CST node of a property as Langium\'s GrammarUtils.findNodeForProperty does', async () => {
        const { documents } = await buildOnce();
        let found = 0;
        for (const document of documents) {
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                for (const property of Object.keys(node).filter((k) => !k.startsWith('$'))) {
                    const expected = GrammarUtils.findNodeForProperty(node.$cstNode, property);
                    expect(propertyNode(node.$cstNode, property)).toBe(expected);
                    if (expected) found++;
                }
            }
        }
        expect(found).toBeGreaterThan(1000);
    });

    it('describe nodes and references as Langium\'s providers do', async () => {
        const { services, documents } = await buildOnce();
        const eagerNodes = new DefaultAstNodeDescriptionProvider(services.Arch);
        const eagerReferences = new DefaultReferenceDescriptionProvider(services.Arch);
        const lazyNodes = services.Arch.workspace.AstNodeDescriptionProvider;
        const lazyReferences = services.Arch.workspace.ReferenceDescriptionProvider;
        for (const document of documents as LangiumDocument<ast.Document>[]) {
            for (const node of documentElements(document.parseResult.value)) {
                if (!node.name) continue;
                expect(plainDescription(lazyNodes.createDescription(node, node.name, document))).toEqual(plainDescription(eagerNodes.createDescription(node, node.name, document)));
            }
            const lazy = (await lazyReferences.createDescriptions(document)).map(plainReference);
            const eager = (await eagerReferences.createDescriptions(document)).map(plainReference);
            expect(lazy).toEqual(eager);
        }
    });
});
