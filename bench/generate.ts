/** Generates realistic Arch workspaces of a given size for benchmarks. */

/** One generated file. */
export interface GeneratedFile { name: string; text: string }

const KINDS = ['service', 'cache', 'database', 'queue', 'worker'] as const;

/** One system of about `components` components in zones, with connections and flows (~8 lines per component). */
export function generateSystem(name: string, components: number): string {
    const lines = [`system ${name} "Generated" {`, '  workload { rps 20k peak 2x keys 10M zipf 1.0 read_ratio 0.9 }', '  client users { protocol https }'];
    const names: string[] = [];
    const zones = Math.max(1, Math.round(components / 50));
    for (let z = 0; z < zones; z++) {
        lines.push(`  zone z${z} {`);
        lines.push(`    loadbalancer lb${z} { algorithm least_connections replicas 2 health_check every 5s timeout 1s unhealthy_after 3 }`);
        const inZone = Math.ceil(components / zones);
        for (let i = 0; i < inZone && names.length < components; i++) {
            const id = names.length;
            const kind = KINDS[id % KINDS.length];
            const n = `${kind}_${id}`;
            names.push(n);
            lines.push(`    ${kind} ${n} "Component ${id}" {`);
            lines.push(`      replicas ${2 + (id % 3)}`);
            if (kind === 'database') lines.push(`      partition hash(key_${id}) shards 8 consistent vnodes 64`);
            else if (kind === 'cache') lines.push('      eviction lru capacity 1M items ttl 1h');
            else if (kind === 'queue') lines.push('      delivery at_least_once retries 3');
            else lines.push(`      capacity ${1 + (id % 5)}k rps`);
            lines.push(`      latency ${2 + (id % 7)}ms`);
            lines.push('    }');
        }
        lines.push('  }');
        lines.push(`  users -> lb${z} : https`);
    }
    for (let i = 1; i < names.length; i++) lines.push(`  ${names[i - 1]} -> ${names[i]}`);
    for (let i = 0; i + 3 < names.length; i += 25) {
        lines.push(`  flow f${i} read : users -> lb0 -> ${names[i]} -> ${names[i + 1]} -> ${names[i + 2]}`);
    }
    lines.push('}');
    return lines.join('\n');
}

/** A workspace of files of ~`linesPerFile` lines adding up to ~`totalLines`. */
export function generateWorkspace(totalLines: number, linesPerFile = 1000): GeneratedFile[] {
    const files: GeneratedFile[] = [];
    const perComponent = 8.6;
    for (let lines = 0, i = 0; lines < totalLines; i++) {
        const size = Math.min(linesPerFile, totalLines - lines);
        const text = generateSystem(`S${i}`, Math.max(4, Math.round(size / perComponent)));
        files.push({ name: `system${i}.arch`, text });
        lines += text.split('\n').length;
    }
    return files;
}
