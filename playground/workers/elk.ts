/// <reference lib="dom" />
/** The ELK worker: lays out each graph the language server's layout runner sends, in order. */
import elkjs from 'elkjs/lib/elk.bundled.js';
import type { LayoutAnswer, LayoutJob } from '../../language-server/diagram/layout-runner.js';

// elkjs is CommonJS: its module object is the class, which also carries itself as `default`.
const elk = new elkjs.default();
const answer = (message: LayoutAnswer) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<LayoutJob>) => {
    const { id, graph } = event.data;
    elk.layout(graph).then(
        (laidOut) => answer({ id, graph: laidOut }),
        (error: unknown) => answer({ id, error: error instanceof Error ? error.message : String(error) }),
    );
});
