/** The language errors: reported by the parser, the linker and validation, documented like rules. */
import type { Rule } from './rule.js';

const language = (id: string, description: string): Rule => ({
    id, meta: { description, severity: 'error', fixable: false, category: 'language' },
});

/** Every language error id. */
export const LANGUAGE_ERRORS: readonly Rule[] = [
    language('syntax', 'Text that does not follow the Arch grammar.'),
    language('unknown-reference', 'A name, or an imported file, that does not resolve.'),
    language('duplicate-name', 'Two elements with one name where names must be unique.'),
    language('import-cycle', 'Files that import each other in a cycle.'),
    language('bad-unit', 'A number whose unit does not fit the property (a size where a duration belongs).'),
    language('invalid-value', 'A value outside what the property accepts.'),
    language('unknown-property', 'A property that this kind of element does not have.'),
    language('internal-error', 'A check that crashed: please report it with the model that caused it.'),
];
