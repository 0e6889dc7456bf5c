// Property names are keywords from the property table (language-server/parser/arch-token-builder.ts),
// not from the grammar: add them to the TextMate grammar langium generated, so that editors without
// semantic highlighting colour them as before. Runs after tsc, which compiles the table.
import { readFileSync, writeFileSync } from 'node:fs';
import { PROPERTIES } from '../out/language-server/model/properties.js';

const file = 'extension/syntaxes/arch.tmLanguage.json';
const grammar = JSON.parse(readFileSync(file, 'utf8'));
const keywords = grammar.patterns.find((p) => p.name === 'keyword.control.arch');
const words = new Set(/^\\b\((.*)\)\\b$/.exec(keywords.match)[1].split('|'));
for (const name of Object.keys(PROPERTIES)) words.add(name);
keywords.match = `\\b(${[...words].sort().join('|')})\\b`;
writeFileSync(file, `${JSON.stringify(grammar, null, 2)}\n`);
