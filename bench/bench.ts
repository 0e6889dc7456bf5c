/** `npm run bench`: every benchmark of the project, medians after a warm-up, peers side by side. */
import { availableParallelism, loadavg } from 'node:os';
import type { BenchRow } from './common.js';
import { bench as language } from './language.js';
import { bench as lsp } from './lsp.js';
import { bench as cli } from './cli.js';
import { bench as diagram } from './diagram.js';
import { bench as readability } from './diagram-readability.js';
import { bench as simulation } from './simulation.js';
import { bench as mutation } from './mutation.js';
import { bench as playground } from './playground.js';

const suites: Array<[string, () => Promise<BenchRow[]>]> = [['language', language], ['lsp', lsp], ['cli', cli], ['diagram', diagram], ['readability', readability], ['simulation', simulation], ['mutation', mutation], ['playground', playground]];
const only = process.argv.slice(2);

for (const [name, run] of suites) {
    if (only.length && !only.includes(name)) continue;
    // Wall-clock figures mean little on a crowded machine: the load says how crowded it was.
    console.log(`\n## ${name}  (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores)`);
    for (const row of await run()) {
        const figure = Number.isNaN(row.medianMs) ? '        —   ' : `${row.medianMs.toFixed(1).padStart(9)} ms`;
        const cpu = row.cpuMs === undefined ? '' : `, cpu ${row.cpuMs.toFixed(0)} ms`;
        console.log(`${figure}  ${row.name} (median of ${row.runs}${cpu})${row.bar ? `  bar: ${row.bar}` : ''}${row.note ? `  ${row.note}` : ''}`);
    }
}
