/** Where rule docs live: one Markdown page per rule, next to its module, and the same page in the repository. */
import { RULE_DOCS } from './rule-docs.generated.js';

/** The project's repository (package.json `repository`). */
export const REPOSITORY_URL = 'https://github.com/archlint/archlint';

/** The rule pages in the repository: stable https links for SARIF, CI annotations and editors without a local copy. */
export const RULE_PAGES_URL = `${REPOSITORY_URL}/blob/main/language-server/rules/`;

let docsBase = RULE_PAGES_URL;

/** Links diagnostics to the rule docs under `uri` instead (the VS Code extension passes its own local copy). */
export function setDocsBase(uri: string): void {
    docsBase = uri.endsWith('/') ? uri : `${uri}/`;
}

/** The URI a diagnostic of rule `id` links to (codeDescription): the editor's local copy, else the repository page. */
export function ruleDocUri(id: string): string {
    return `${docsBase}${id}.md`;
}

/** The stable https page of rule `id` in the repository. */
export function rulePageUrl(id: string): string {
    return `${RULE_PAGES_URL}${id}.md`;
}

/** A rule's doc page as Markdown, if it has one. */
export function ruleDoc(id: string): string | undefined {
    return RULE_DOCS[id];
}
