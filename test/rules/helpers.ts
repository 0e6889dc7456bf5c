/** Rule test helpers: findings of one rule as (rule, component, range), and ranges of text. */
import type { Diagnostic } from 'vscode-languageserver';
import { parse } from '../helpers.js';
import type { DiagnosticData } from '../../language-server/lsp/arch-document-validator.js';
import type { Range } from '../../language-server/model/types.js';

/** One finding as tests compare it: never the message wording. */
export interface Found {
    rule: string;
    component?: string;
    range: Range;
}

/** The diagnostics of `text` with rule `rule`, through the editor's validator. */
async function diagnosticsOf(text: string, rule: string): Promise<Diagnostic[]> {
    return (await parse(text)).diagnostics.filter((d) => d.code === rule);
}

/** The findings of rule `rule` on `text`. */
export async function findings(text: string, rule: string): Promise<Found[]> {
    return (await diagnosticsOf(text, rule)).map((d) => ({
        rule: String(d.code), component: (d.data as DiagnosticData | undefined)?.component, range: d.range,
    }));
}

/** Every rule id with a finding on `text`. */
export async function ruleIds(text: string): Promise<string[]> {
    return [...new Set((await parse(text)).diagnostics.map((d) => String(d.code)))].sort();
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function span(text: string, needle: string, occurrence = 0): Range {
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
    }
    const position = (at: number) => {
        const before = text.slice(0, at);
        const line = before.split('\n').length - 1;
        return { line, character: at - (before.lastIndexOf('\n') + 1) };
    };
    return { start: position(offset), end: position(offset + needle.length) };
}

/** The finding expected on `needle` (the property or name) for `component`. */
export function at(rule: string, component: string, text: string, needle: string, occurrence = 0): Found {
    return { rule, component, range: span(text, needle, occurrence) };
}

/** 10k rps, `w`% of it writes, through api into a database with `props`. */
export const leaderStore = (props: string, w: number) => `system S {
  workload { rps 10k }
  client app
  service api { replicas 10 capacity 3k rps }
  database db { ${props} }
  flow save ${w}% write : app -> api -> db
  flow browse ${100 - w}% read : app -> api -> db
}`;
