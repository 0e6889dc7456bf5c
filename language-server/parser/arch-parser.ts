/**
 * Langium's parser with these repairs. Langium 4.2.1's CST builder looks for the position of
 * every new node in its parent's children (`indexOf`) to place comments before it, even when
 * there is no comment to place, which is quadratic in the members of one block (4 s for a
 * system of 24k components): with nothing to place it does nothing. And Chevrotain computes
 * the follow sets its error recovery resynchronises on when the parser is made (a fifth of
 * making it, a tenth of a cold `archlint check`): they are computed the first time a syntax
 * error needs them instead, so a file without one never does. And the parser lets go of a
 * file's tokens when it is done, links nodes to their containers without allocating, and makes
 * each token's range only when asked (below).
 */
import {
    CompositeCstNodeImpl, CstNodeBuilder, CstUtils, LeafCstNodeImpl, prepareLangiumParser,
    type AstNode, type CompositeCstNode, type CstNode, type GrammarAST, type LangiumCoreServices, type LangiumParser, type LeafCstNode,
    type Lexer, type LexerResult, type ParseResult, type ParserOptions, type RootCstNode,
} from 'langium';
import type { IRecognitionException, IToken } from 'chevrotain';
import { linkContainers } from '../workspace/ast-walk.js';
import type { Range } from 'vscode-languageserver';

/**
 * A leaf whose range is made the first time it is read, from the token's lines and columns
 * kept as small integers: most leaves are never asked for one, and three objects per token
 * were a tenth of a large model's memory.
 */
class LazyRangeLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startColumn: number;
    private readonly endLine: number;
    private readonly endColumn: number;
    private madeRange: Range | undefined;

    constructor(token: IToken, hidden: boolean) {
        super(token.startOffset, token.image.length, undefined as unknown as Range, token.tokenType, hidden);
        // `| 0` keeps them small integers in the object: Chevrotain's tokens hold them as doubles, each its own heap object.
        this.startLine = token.startLine! | 0;
        this.startColumn = token.startColumn! | 0;
        this.endLine = token.endLine! | 0;
        this.endColumn = token.endColumn! | 0;
    }

    override get range(): Range {
        return this.madeRange ??= CstUtils.tokenToRange({ startLine: this.startLine, startColumn: this.startColumn, endLine: this.endLine, endColumn: this.endColumn } as IToken);
    }
}

class ArchCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length) super.addHiddenNodes(tokens);
    }

    /** Langium's, with the lazy range. */
    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leaf = new LazyRangeLeafCstNode(token, !feature);
        leaf.grammarSource = feature;
        leaf.root = this.internals().rootNode;
        this.append(leaf);
        return leaf;
    }

    /** Langium's, appending as `append` does. */
    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const composite = new CompositeCstNodeImpl();
        composite.grammarSource = feature;
        const internals = this.internals();
        composite.root = internals.rootNode;
        this.append(composite);
        internals.nodeStack.push(composite);
        return composite;
    }

    /**
     * Adds `node` to the current node's children as Langium's CST container does (it sets the
     * node's `container`), by index: the container is an Array subclass, which V8's fast
     * `push` does not take, and its `push(...items)` copies its arguments twice per token.
     */
    private append(node: CstNode): void {
        const current = this.internals().current;
        (node as { container?: CompositeCstNode }).container = current;
        current.content[current.content.length] = node;
    }

    /** The builder's state, private in Langium's types. */
    private internals(): { current: CompositeCstNode; rootNode: RootCstNode; nodeStack: CompositeCstNode[] } {
        return this as unknown as { current: CompositeCstNode; rootNode: RootCstNode; nodeStack: CompositeCstNode[] };
    }
}

/** The parts of Chevrotain's parser (Langium's `wrapper`) that the deferral touches. */
interface ChevrotainInternals {
    TRACE_INIT(phase: string, impl: () => unknown): unknown;
    resyncFollows: Record<string, unknown>;
    input: IToken[];
}

/** The phase of Chevrotain's self-analysis (chevrotain 11) that computes `resyncFollows`. */
const FOLLOWS_PHASE = 'computeAllProdsFollows';

/**
 * Runs `analyse` (Chevrotain's self-analysis) with the follow computation deferred: until a
 * syntax error first reads `resyncFollows`, it is a stand-in whose first read runs Chevrotain's
 * own computation, which puts the real sets in its place. Both are plain assignments to an
 * existing property, so the parser keeps the object shape its speed depends on.
 */
function deferFollows(parser: ChevrotainInternals, analyse: () => void): void {
    const trace = parser.TRACE_INIT;
    parser.TRACE_INIT = function (this: ChevrotainInternals, phase: string, impl: () => unknown): unknown {
        if (phase !== FOLLOWS_PHASE) return trace.call(this, phase, impl);
        this.resyncFollows = new Proxy({}, {
            get: (_, name) => {
                impl();
                return this.resyncFollows[name as string];
            },
        });
        return undefined;
    };
    try {
        analyse();
    } finally {
        parser.TRACE_INIT = trace;
    }
}

/** The parts of Langium's parser (4.2.1) that its `parse` uses, private in its types. */
interface LangiumParserInternals {
    nodeBuilder: CstNodeBuilder;
    lexer: Lexer;
    wrapper: ChevrotainInternals & { errors: IRecognitionException[] };
    mainRule: ParserRule;
    allRules: Map<string, ParserRule>;
    unorderedGroups: Map<string, boolean[]>;
    lexerResult: LexerResult | undefined;
    doParse(rule: ParserRule): AstNode;
}

/** A rule of Langium's parser, as Chevrotain runs it. */
type ParserRule = (args: Record<string, boolean>) => unknown;

/**
 * Langium's `parse`, step for step, with two changes: it links each node to its container
 * with `linkContainers` (Langium's deep `linkContentToContainer` allocates an entries array
 * per node, an eighth of checking a 5k-component model), and it lets go of the file's tokens
 * when it is done (Chevrotain keeps the last input until the next parse).
 */
function parseWith(parser: LangiumParserInternals, input: string, options: ParserOptions): ParseResult<AstNode> {
    parser.nodeBuilder.buildRootNode(input);
    const lexerResult = parser.lexerResult = parser.lexer.tokenize(input);
    const { wrapper } = parser;
    wrapper.input = lexerResult.tokens;
    try {
        const ruleMethod = options.rule ? parser.allRules.get(options.rule) : parser.mainRule;
        if (!ruleMethod) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const value = parser.doParse(ruleMethod);
        parser.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        parser.unorderedGroups.clear();
        parser.lexerResult = undefined;
        linkContainers(value);
        return { value, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: wrapper.errors };
    } finally {
        wrapper.input = [];
    }
}

/** Langium's parser for Arch, with the repairs above. */
export function createArchParser(services: LangiumCoreServices): LangiumParser {
    const parser = prepareLangiumParser(services);
    // `wrapper` and `nodeBuilder` are private in Langium's types.
    const { wrapper } = parser as unknown as { wrapper: ChevrotainInternals };
    deferFollows(wrapper, () => parser.finalize());
    Object.assign(parser, { nodeBuilder: new ArchCstNodeBuilder() });
    parser.parse = <T extends AstNode>(input: string, options: ParserOptions = {}) =>
        parseWith(parser as unknown as LangiumParserInternals, input, options) as ParseResult<T>;
    return parser;
}
