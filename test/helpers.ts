/** Test helpers: parse Arch text in memory into diagnostics and models. */
import { createArchServices } from '../language-server/arch-module.js';
import { EmptyFileSystem } from 'langium';
import { buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import type { ArchComponent, ArchModel, ComponentKind } from '../language-server/model/types.js';
import { DESIGN_RULES } from '../language-server/rules/design-rules.js';
import type { Diagnostic } from 'vscode-languageserver';

const services = createArchServices(EmptyFileSystem).Arch;
/** Services that check the language only: tests that need a model need no design rule to run. */
const languageOnly = createArchServices(EmptyFileSystem).Arch;
languageOnly.archlint.Config.setExplicit({ rules: Object.fromEntries(DESIGN_RULES.map((r) => [r.id, 'off'])), thresholds: {} });
let counter = 0;

/** Parses, links and validates `text`; returns its diagnostics and models. */
export async function parse(text: string, uri = `file:///test/doc${counter++}.arch`): Promise<{ diagnostics: Diagnostic[]; models: ArchModel[] }> {
    const { document, diagnostics } = await buildText(services, text, uri);
    return { diagnostics, models: buildModels(document.parseResult.value) };
}

/** The one model of a text with one system (the design rules do not run); fails the test on language errors. */
export async function model(text: string): Promise<ArchModel> {
    const { document, diagnostics } = await buildText(languageOnly, text, `file:///test/model${counter++}.arch`);
    const models = buildModels(document.parseResult.value);
    const errors = diagnostics.filter((d) => d.severity === 1 && isLanguageError(String(d.code)));
    if (errors.length) throw new Error(`language errors: ${errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`).join('; ')}`);
    if (models.length !== 1) throw new Error(`expected one system, got ${models.length}`);
    return models[0];
}

/** The component `x` declared with `body` (of `kind`) behind a client in an otherwise empty system. */
export async function lone(kind: string, body: string): Promise<ArchComponent> {
    return (await model(`system S { client c ${kind} x { ${body} } c -> x }`)).components.get('x')!;
}

/** The component `name` of `model`, which must be of `kind`: its kind's fields, or the test fails. */
export function componentOf<K extends ComponentKind>(m: ArchModel, name: string, kind: K): ArchComponent & { readonly kind: K } {
    const component = m.components.get(name);
    if (!component || !isKind(component, kind)) throw new Error(`expected ${name} to be a ${kind}, got ${component?.kind ?? 'nothing'}`);
    return component;
}

function isKind<K extends ComponentKind>(component: ArchComponent, kind: K): component is ArchComponent & { readonly kind: K } {
    return component.kind === kind;
}

const LANGUAGE = new Set(['syntax', 'unknown-reference', 'duplicate-name', 'import-cycle', 'bad-unit', 'invalid-value', 'unknown-property']);

function isLanguageError(code: string): boolean {
    return LANGUAGE.has(code);
}

/** Parses several in-memory files (name -> text) together, so that imports resolve between them. */
export async function parseFiles(files: Record<string, string>): Promise<Record<string, Diagnostic[]>> {
    const { URI } = await import('langium');
    const shared = createArchServices(EmptyFileSystem).shared;
    const workspace = shared.workspace;
    const base = `file:///ws${counter++}/`;
    // The files form one workspace folder, as an editor would open them.
    shared.archlint.Imports.configure({ roots: [URI.parse(base)] });
    const documents = Object.entries(files).map(([name, text]) => {
        const document = workspace.LangiumDocumentFactory.fromString(text, URI.parse(base + name));
        workspace.LangiumDocuments.addDocument(document);
        return [name, document] as const;
    });
    await workspace.DocumentBuilder.build(documents.map(([, d]) => d), { validation: true });
    return Object.fromEntries(documents.map(([name, d]) => [name, d.diagnostics ?? []]));
}
