/**
 * Langium's parser with two repairs. Langium 4.2.1's CST builder looks for the position of
 * every new node in its parent's children (`indexOf`) to place comments before it, even when
 * there is no comment to place, which is quadratic in the members of one block (4 s for a
 * system of 24k components): with nothing to place it does nothing. And Chevrotain computes
 * the follow sets its error recovery resynchronises on when the parser is made (a fifth of
 * making it, a tenth of a cold `archlint check`): they are computed the first time a syntax
 * error needs them instead, so a file without one never does.
 */
import { CstNodeBuilder, prepareLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import type { IToken } from 'chevrotain';

class ArchCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length) super.addHiddenNodes(tokens);
    }
}

/** The parts of Chevrotain's parser (Langium's `wrapper`) that the deferral touches. */
interface ChevrotainInternals {
    TRACE_INIT(phase: string, impl: () => unknown): unknown;
    resyncFollows: Record<string, unknown>;
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

/** Langium's parser for Arch, with the repairs above. */
export function createArchParser(services: LangiumCoreServices): LangiumParser {
    const parser = prepareLangiumParser(services);
    // `wrapper` and `nodeBuilder` are private in Langium's types.
    const { wrapper } = parser as unknown as { wrapper: ChevrotainInternals };
    deferFollows(wrapper, () => parser.finalize());
    Object.assign(parser, { nodeBuilder: new ArchCstNodeBuilder() });
    return parser;
}
