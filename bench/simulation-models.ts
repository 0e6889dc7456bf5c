/** Models the simulator benchmarks run. */
import { EmptyFileSystem } from 'langium';
import { createArchServices } from '../language-server/arch-module.js';
import { buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import type { ArchModel } from '../language-server/model/types.js';

/** The one model of `text`. */
export async function modelOf(text: string): Promise<ArchModel> {
    const { document } = await buildText(createArchServices(EmptyFileSystem).Arch, text);
    return buildModels(document.parseResult.value)[0];
}

/** A chain of `tiers` services at utilisation ~0.6, each an M/M/4 station; `guard` goes on every hop (`timeout 1s retries 2`). */
export function chain(tiers: number, rps: number, guard?: string): string {
    const names = Array.from({ length: tiers }, (_, i) => `t${i + 1}`);
    const services = names.map((n) => `  service ${n} { replicas 4 capacity ${(rps / 2.4).toFixed(0)} rps latency 0.1ms }`).join('\n');
    const options = guard ? ` : grpc { ${guard} }` : '';
    return `system Bench {\n  workload { rps ${rps} }\n  client c\n${services}\n  c -> ${names.join(' -> ')}${options}\n}`;
}
