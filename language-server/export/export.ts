/** Export a system to another diagram language: the one entry point `archlint export` calls. */
import type { ArchModel } from '../model/types.js';
import { toD2 } from './d2.js';
import { toLikeC4 } from './likec4.js';
import { toMermaid } from './mermaid.js';
import { toPlantUml } from './plantuml.js';
import type { ExportFormat } from './formats.js';

export { EXPORT_FORMATS, type ExportFormat } from './formats.js';

/** The system as text in `format`; `direction` orders the layers where the target has a notion of it. */
export function exportModel(model: ArchModel, format: ExportFormat, direction: 'right' | 'down' = 'right'): string {
    switch (format) {
        case 'mermaid': return toMermaid(model, direction);
        case 'd2': return toD2(model, direction);
        case 'plantuml': return toPlantUml(model, direction);
        case 'likec4': return toLikeC4(model);
    }
}
