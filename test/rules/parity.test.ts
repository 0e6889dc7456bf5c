import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../language-server/rules/registry.js';
import { DESIGN_RULES } from '../../language-server/rules/design-rules.js';
import { RULE_DOCS } from '../../language-server/rules/rule-docs.generated.js';
import { RULE_PAGES_URL, ruleDoc, ruleDocUri, rulePageUrl, setDocsBase } from '../../language-server/rules/docs.js';
import { ruleIds } from './helpers.js';
import { lint } from './rule-tester.js';

const RULES_DIR = 'language-server/rules';
const HEADINGS = ['What it finds', 'Why it matters', 'How to fix', 'When not to use it', 'Incorrect', 'Correct'];
/** Docs whose examples are not one self-contained model (two files; a crash that cannot be written): errors.test.ts and robustness.test.ts trigger them. */
const UNTESTABLE_EXAMPLES = new Set(['import-cycle', 'internal-error']);

const doc = (id: string) => readFileSync(join(RULES_DIR, `${id}.md`), 'utf8');
const example = (markdown: string, heading: string) =>
    new RegExp(`## ${heading}\\n[\\s\\S]*?\`\`\`arch\\n([\\s\\S]*?)\`\`\``).exec(markdown)?.[1];

describe('every rule has its module and doc', () => {
    it('rule ids are unique kebab-case', () => {
        const ids = RULES.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    });

    it.each(DESIGN_RULES.map((r) => [r.id, r] as const))('%s has its own module exporting it', async (id, rule) => {
        expect(existsSync(join(RULES_DIR, `${id}.ts`))).toBe(true);
        const module = await import(`../../language-server/rules/${id}.ts`) as Record<string, unknown>;
        expect(Object.values(module)).toContain(rule);
    });

    it.each(RULES.map((r) => [r.id]))('%s has a doc with the fixed headings, embedded in the build', (id) => {
        const markdown = doc(id);
        expect(markdown.split('\n')[0]).toMatch(new RegExp(`^# ${id}: `));
        const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        expect(headings).toEqual(HEADINGS);
        expect(RULE_DOCS[id]).toBe(markdown);
    });

    it.each(RULES.filter((r) => !UNTESTABLE_EXAMPLES.has(r.id)).map((r) => [r.id, r] as const))(
        '%s: the doc\'s incorrect example triggers it and the correct one does not', async (id, rule) => {
            const markdown = doc(id);
            // A design rule's examples are valid Arch, linted with that rule alone; a language error's are not.
            const triggers = async (code: string) => rule.meta.category === 'design' ? (await lint(id, code)).length > 0 : (await ruleIds(code)).includes(id);
            expect(await triggers(example(markdown, 'Incorrect')!)).toBe(true);
            expect(await triggers(example(markdown, 'Correct')!)).toBe(false);
        });
});

describe('rule doc links', () => {
    it("point at the rule's page in the repository, or wherever the client says its copy is", () => {
        expect(RULE_PAGES_URL).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/language-server\/rules\/$/);
        expect(ruleDocUri('spof')).toBe(`${RULE_PAGES_URL}spof.md`);
        expect(rulePageUrl('spof')).toBe(`${RULE_PAGES_URL}spof.md`);
        try {
            setDocsBase('vscode-resource:/ext/rules');
            expect(ruleDocUri('spof')).toBe('vscode-resource:/ext/rules/spof.md');
            expect(rulePageUrl('spof')).toBe(`${RULE_PAGES_URL}spof.md`);
        } finally {
            setDocsBase(RULE_PAGES_URL);
        }
        expect(ruleDoc('spof')).toBe(doc('spof'));
        expect(ruleDoc('no-such-rule')).toBeUndefined();
    });
});

describe('the README lists every rule', () => {
    const readme = readFileSync('README.md', 'utf8');
    it.each(RULES.map((r) => [r.id, r] as const))('%s, with its default severity and a link to its doc', (id, rule) => {
        const row = readme.split('\n').find((line) => line.startsWith(`| [\`${id}\`](language-server/rules/${id}.md) |`));
        expect(row).toBeDefined();
        expect(row).toContain(`| ${rule.meta.severity} |`);
    });
});
