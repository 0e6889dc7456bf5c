/**
 * Arch's Monaco tokenizer, derived from the TextMate grammar VS Code uses
 * (extension/syntaxes/arch.tmLanguage.json, which langium generates), so both colour the same
 * words. It reads the shapes langium writes: `match` rules, `begin`/`end` regions with nested
 * patterns, `include`s of the repository; a line comment (`end` at the line's end) becomes one rule.
 */
import type { languages } from 'monaco-editor/editor';

/** A TextMate rule of the shapes langium generates. */
export interface TextMateRule {
    name?: string;
    match?: string;
    begin?: string;
    end?: string;
    include?: string;
    patterns?: TextMateRule[];
}

/** A TextMate grammar: top-level patterns and a repository of named rules. */
export interface TextMateGrammar {
    patterns: TextMateRule[];
    repository?: Record<string, TextMateRule>;
}

/** The Monarch definition equivalent to `grammar`; throws on a rule shape it does not know. */
export function monarchFromTextMate(grammar: TextMateGrammar): languages.IMonarchLanguage {
    const tokenizer: Record<string, languages.IMonarchLanguageRule[]> = {};
    let regions = 0;
    const rulesOf = (patterns: readonly TextMateRule[]): languages.IMonarchLanguageRule[] => patterns.flatMap((rule) => convert(rule));
    const convert = (rule: TextMateRule): languages.IMonarchLanguageRule[] => {
        const token = rule.name ?? '';
        if (rule.include) {
            const name = rule.include.replace(/^#/, '');
            if (!grammar.repository?.[name]) throw new Error(`unknown include ${rule.include}`);
            return [{ include: `@repo_${name}` }];
        }
        if (rule.match !== undefined) return [[new RegExp(rule.match), token]];
        if (rule.begin !== undefined && rule.end !== undefined) {
            // A region that ends with its line is one rule: Monarch cannot match an empty end.
            if (rule.end === '(?=$)' || rule.end === '$') return [[new RegExp(`${rule.begin}.*$`), token]];
            const state = `region_${regions++}`;
            tokenizer[state] = [[new RegExp(rule.end), { token, next: '@pop' }], ...rulesOf(rule.patterns ?? []), [/./, token]];
            return [[new RegExp(rule.begin), { token, next: `@${state}` }]];
        }
        if (rule.patterns) return rulesOf(rule.patterns);
        throw new Error(`unsupported TextMate rule ${JSON.stringify(rule)}`);
    };
    for (const [name, rule] of Object.entries(grammar.repository ?? {})) tokenizer[`repo_${name}`] = convert(rule);
    tokenizer.root = rulesOf(grammar.patterns);
    return { defaultToken: '', tokenPostfix: '', start: 'root', tokenizer };
}
