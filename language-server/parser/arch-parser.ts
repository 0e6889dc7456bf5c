/**
 * Langium's parser with one repair: Langium 4.2.1's CST builder looks for the position of every
 * new node in its parent's children (`indexOf`) to place comments before it, even when there is
 * no comment to place, which is quadratic in the members of one block (4 s for a system of 24k
 * components). With nothing to place it does nothing.
 */
import { CstNodeBuilder, createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import type { IToken } from 'chevrotain';

class ArchCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length) super.addHiddenNodes(tokens);
    }
}

/** Langium's parser for Arch, with the CST builder above. */
export function createArchParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    // `nodeBuilder` is private in Langium's types; the parser reads it on every token.
    Object.assign(parser, { nodeBuilder: new ArchCstNodeBuilder() });
    return parser;
}
