/** Where rule docs live: one Markdown page per rule, next to its module. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_DOCS } from './rule-docs.generated.js';
import { packageRoot } from '../package-root.js';

/** The rules folder of this installation; the server bundle (no import.meta.url) is told it by setDocsBase. */
const root = packageRoot(import.meta.url);
let docsBase = root ? `${pathToFileURL(join(root, 'language-server', 'rules')).href}/` : 'archlint:rules/';

/** Sets the base URI that diagnostics link rule docs under (the installed package's rules folder). */
export function setDocsBase(uri: string): void {
    docsBase = uri.endsWith('/') ? uri : `${uri}/`;
}

/** The URI of the folder that holds the rule docs. */
export function ruleDocsBase(): string {
    return docsBase;
}

/** The URI of a rule's doc page. */
export function ruleDocUri(id: string): string {
    return `${docsBase}${id}.md`;
}

/** A rule's doc page as Markdown, if it has one. */
export function ruleDoc(id: string): string | undefined {
    return RULE_DOCS[id];
}
