/**
 * A misspelt keyword where only a keyword can stand (`zoe us_east {`, `flow f 5% wirte : ...`,
 * `partition hash(k) shards 8 consitent`) is read as the keyword it is closest to, and a
 * missing one (`Chat "title" {` holding components) is read as there, each with one error
 * naming it: the structure around it then parses as meant, instead of the parser derailing
 * on every line of the block. Component kinds are not repaired here: an unknown or missing
 * kind parses as a component and validation names the kinds.
 */
import type { ILexingError, IToken, TokenTypeDictionary } from 'chevrotain';
import { COMPONENT_KINDS } from '../model/properties.js';
import { closest } from '../model/suggest.js';
import { errorAt, retype, virtualToken } from './token-edits.js';

/** Keywords that begin a statement followed by a name and a block. */
const AFTER_NAME = ['system', 'zone', 'scenario'];
/** Options a structured property may continue with, by property keyword. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
    partition: ['shards', 'vnodes', 'consistent', 'via', 'then'],
    health_check: ['every', 'timeout', 'unhealthy_after'],
    keys: ['zipf'],
    fail: ['leader', 'at', 'for'],
    replicas: ['sync', 'async'],
    latency: ['const', 'p50', 'p90', 'p95', 'p99', 'p999'],
};
const KINDS = Object.keys(COMPONENT_KINDS);
/** The objectives a flow's header may state (`p99 300ms`, `availability 99.9%`). */
const OBJECTIVES = ['p50', 'p90', 'p95', 'p99', 'p999', 'availability'];
/** Words that begin the elements of a system or a zone. */
const ELEMENT_STARTS = new Set([...KINDS, 'zone', 'workload', 'flow', 'scenario']);

/** Reads misspelt and missing keywords as keywords (see the file comment); returns the tokens and one error per repair. */
export function repairKeywords(tokens: IToken[], types: TokenTypeDictionary): { tokens: IToken[]; errors: ILexingError[] } {
    const errors: ILexingError[] = [];
    const result: IToken[] = [];
    const id = types.ID;
    const onLineOf = (a: IToken, b: IToken | undefined) => !!b && b.startLine === a.endLine;
    const startsStatement = (i: number) => i === 0 || tokens[i - 1].endLine! < tokens[i].startLine! || tokens[i - 1].image === '{' || tokens[i - 1].image === '}';
    let statement = 0, depth = 0;
    let property: string | undefined;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (startsStatement(i)) {
            statement = i;
            property = undefined;
        }
        if (token.image === '{') depth++;
        else if (token.image === '}') depth = Math.max(0, depth - 1);
        if (Object.hasOwn(OPTIONS, token.image)) property = token.image;
        // The word right after `fail`, `via` or '(' is a name, never an option (`fail a at 1s`, `hash(va)`).
        const before = tokens[i - 1]?.image;
        if (token.tokenType !== id || before === '(' || before === 'via' || before === property) {
            result.push(token);
            continue;
        }
        const next = tokens[i + 1];
        if (i === statement && opensElementBlock(tokens, i)) {
            const keyword = depth === 0 ? 'system' : 'zone';
            result.push(virtualToken(types[keyword], result[result.length - 1]), token);
            errors.push(errorAt(token, `'${keyword}' is missing before '${token.image}' (its block holds components).`));
            continue;
        }
        let candidates: readonly string[] = [];
        // Two letters are too few to tell a misspelt statement keyword from a name.
        if (i === statement && token.image.length < 3) candidates = [];
        else if (i === statement && next?.image !== '->') {
            if (next?.tokenType === types.STRING) candidates = ['import'];
            else if (next?.image === '{') candidates = ['workload'];
            else if (onLineOf(token, next) && lineHas(tokens, i, ':')) candidates = ['flow'];
            else if (onLineOf(token, next) && lineHas(tokens, i, '{')) candidates = AFTER_NAME;
        } else if (tokens[statement].image === 'flow' && i > statement + 1 && onLineOf(token, next) && !seenSince(tokens, statement, i, ':')) {
            // In a flow's header: its kind before the ':' or an objective, an objective before its value.
            if (next.image === ':' || OBJECTIVES.includes(next.image)) candidates = ['read', 'write'];
            else if (next.tokenType === types.NUMBER) candidates = OBJECTIVES;
        } else if (property && i > statement && onLineOf(tokens[i - 1], token)) {
            candidates = OPTIONS[property];
        }
        result.push(token);
        if (!candidates.length) continue;
        // A kind closer than the keyword is left to validation (an unknown kind).
        const guess = closest(token.image, i === statement ? [...candidates, ...KINDS] : candidates);
        const type = guess && !KINDS.includes(guess) ? types[guess] : undefined;
        if (!type) continue;
        errors.push(errorAt(token, `'${token.image}' is not a keyword: read as '${guess}' (did you mean '${guess}'?).`));
        retype(token, type);
        // The parser assigns a keyword's text: the model then sees the keyword (the error above keeps the typo's range).
        token.image = guess!;
    }
    return { tokens: result, errors };
}

/** Whether `name "title"? {` at `i` opens a block whose first word begins an element (a system or zone missing its keyword). */
function opensElementBlock(tokens: IToken[], i: number): boolean {
    let j = i + 1;
    if (tokens[j]?.tokenType.name === 'STRING') j++;
    return tokens[j]?.image === '{' && ELEMENT_STARTS.has(tokens[j + 1]?.image ?? '');
}

/** Whether `image` is among the tokens from `from` up to (not including) `to`. */
function seenSince(tokens: IToken[], from: number, to: number, image: string): boolean {
    for (let j = from; j < to; j++) if (tokens[j].image === image) return true;
    return false;
}

/** Whether the line of `tokens[i]` has `image` after it. */
function lineHas(tokens: IToken[], i: number, image: string): boolean {
    const line = tokens[i].startLine;
    for (let j = i + 1; j < tokens.length && tokens[j].startLine === line; j++) if (tokens[j].image === image) return true;
    return false;
}
