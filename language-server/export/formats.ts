/** The languages `archlint export` writes: a module of its own, so that the CLI lists them without loading the exporters. */

/** The target languages. */
export const EXPORT_FORMATS = ['mermaid', 'd2', 'plantuml', 'likec4'] as const;

/** One target language. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
