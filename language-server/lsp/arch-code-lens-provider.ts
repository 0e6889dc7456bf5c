/** A "Diagram" code lens above each `system`, opening the live diagram of that system. */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { rangeOf } from '../model/source.js';

/** The command the lens runs; the extension registers it with arguments (document URI, system name). */
const OPEN_DIAGRAM_COMMAND = 'archlint.openDiagram';

/** Code lenses of Arch documents. */
export class ArchCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const root = document.parseResult.value;
        if (!ast.isDocument(root)) return [];
        return root.systems.filter((system) => system.name).map((system) => ({
            range: rangeOf(system, 'name'),
            command: { title: 'Diagram', command: OPEN_DIAGRAM_COMMAND, arguments: [document.uri.toString(), system.name] },
        }));
    }
}
