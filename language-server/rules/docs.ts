/** Where rule docs live: one Markdown page per rule, next to its module. */
import { RULE_DOCS } from './rule-docs.generated.js';

/** The rules folder of this installation; a bundle (no import.meta.url) is told it by setDocsBase. */
let docsBase = typeof import.meta.url === 'string' ? new URL('../../../language-server/rules/', import.meta.url).href : 'archlint:rules/';

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
