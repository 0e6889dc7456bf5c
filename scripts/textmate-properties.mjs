// Property names are keywords from the property table (language-server/parser/arch-token-builder.ts),
// not from the grammar: add them to the TextMate grammar langium generated, so that editors without
// semantic highlighting colour them as before. Call annotations (`[x10]`, `[5%]`, `[read]`) get a
// pattern of their own, which langium does not generate. Runs right after `langium generate`
// (npm run generate, and test/support/fresh-build.ts): the table is compiled here by esbuild.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const { outputFiles } = await build({ entryPoints: ['language-server/model/properties.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
const { PROPERTIES } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);

const file = 'extension/syntaxes/arch.tmLanguage.json';
const grammar = JSON.parse(readFileSync(file, 'utf8'));
const keywords = grammar.patterns.find((p) => p.name === 'keyword.control.arch');
const words = new Set(/^\\b\((.*)\)\\b$/.exec(keywords.match)[1].split('|'));
for (const name of Object.keys(PROPERTIES)) words.add(name);
keywords.match = `\\b(${[...words].sort().join('|')})\\b`;

// An annotation opens with an item only annotations have, so that `weights [3, 1]` and `indexes [a]` stay lists.
const ITEM = '(?:x[0-9][0-9.]*[kMB]?|[0-9][0-9.]*[kMB]?x|[0-9][0-9.]*%|read|write)';
const annotation = {
    name: 'meta.annotation.call.arch',
    begin: `\\[(?=\\s*${ITEM}\\s*[\\],\\s])`,
    end: '\\]',
    patterns: [
        { name: 'constant.numeric.arch', match: '\\b(?:x[0-9][0-9.]*[kMB]?|[0-9][0-9.]*[kMB]?x)\\b|\\b[0-9][0-9.]*%' },
        { name: 'keyword.other.arch', match: '\\b(?:read|write)\\b' },
    ],
};
grammar.patterns = grammar.patterns.filter((p) => p.name !== annotation.name);
grammar.patterns.splice(grammar.patterns.indexOf(keywords), 0, annotation);
writeFileSync(file, `${JSON.stringify(grammar, null, 2)}\n`);
