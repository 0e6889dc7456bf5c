/** Parser errors as one line of plain words (chevrotain's span lines and list token sequences). */
import { LangiumParserErrorMessageProvider } from 'langium';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { COMPONENT_KINDS } from '../model/properties.js';
import { printable } from '../printable.js';

type Options<K extends keyof IParserErrorMessageProvider> = Parameters<IParserErrorMessageProvider[K]>[0];

/** How many alternatives a message names before it says "…". */
const MAX_NAMED = 5;

/** What a token type stands for, in words. */
function describeType(type: TokenType): string {
    switch (type.name) {
        case 'ID': case 'INLINE_ID': case 'UNIT': return 'a name';
        case 'NUMBER': return 'a number';
        case 'STRING': return 'a quoted title';
        case 'PROPERTY_NAME': return 'a property';
        case 'EOF': return 'the end of the file';
    }
    if (type.name in COMPONENT_KINDS) return 'a component';
    return `'${type.name}'`;
}

/** The token as found, in words. */
function describeToken(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === undefined) return 'the end of the file';
    return `'${printable(token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image)}'`;
}

/** `a, b or c`, naming at most MAX_NAMED. */
function oneOf(types: TokenType[]): string {
    const names = [...new Set(types.map(describeType))];
    const named = names.slice(0, MAX_NAMED);
    if (names.length > MAX_NAMED) return `${named.join(', ')}, …`;
    return named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}` : named[0] ?? 'something else';
}

/** One-line parser messages for Arch. */
export class ArchParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual }: Options<'buildMismatchTokenMessage'>): string {
        return `Expected ${describeType(expected)} but found ${describeToken(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: Options<'buildNotAllInputParsedMessage'>): string {
        if (firstRedundant.image === '}') return "This '}' closes no open block.";
        return `Unexpected ${describeToken(firstRedundant)}: expected a system, a component, a zone or a connection.`;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: Options<'buildNoViableAltMessage'>): string {
        const first = expectedPathsPerAlt.flatMap((paths) => paths.map((path) => path[0]).filter((t): t is TokenType => !!t));
        return `Unexpected ${describeToken(actual[0])}: expected ${oneOf(first)}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: Options<'buildEarlyExitMessage'>): string {
        const first = expectedIterationPaths.map((path) => path[0]).filter((t): t is TokenType => !!t);
        return `Expected ${oneOf(first)} but found ${describeToken(actual[0])}.`;
    }
}
