/**
 * The peer benchmark's architecture written twice, as LikeC4 and as Arch (the same output as
 * /work/shared/bench/gen-peer.mjs, here so that the benchmark needs nothing outside the
 * repository): `n` elements in groups of 9 services and databases, and `n` relations, mostly
 * between neighbouring groups, a fifth of them asynchronous.
 */

/** One model in both languages. */
export interface PeerModels {
    likec4: string;
    arch: string;
    elements: number;
    relations: number;
}

/** Writes the model of `n` elements and relations in both languages (deterministic). */
export function generatePeerModels(n: number): PeerModels {
    let seed = 12345;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const groups = Math.max(1, Math.round(n / 10));
    const leaves: Array<{ group: number; kind: 'service' | 'database'; id: string }> = [];
    for (let g = 0; g < groups; g++) {
        for (let j = 0; j < 9; j++) leaves.push({ group: g, kind: j % 3 === 2 ? 'database' : 'service', id: `${j % 3 === 2 ? 'db' : 'svc'}${g}_${j}` });
    }
    const relations: Array<[(typeof leaves)[number], (typeof leaves)[number], boolean]> = [];
    while (relations.length < n) {
        const a = Math.floor(random() * leaves.length), b = Math.min(leaves.length - 1, a + 1 + Math.floor(random() * 27));
        if (a !== b) relations.push([leaves[a], leaves[b], random() < 0.2]);
    }
    const c4 = ['specification {', '  element system', '  element service', '  element database', '  relationship async', '}', '', 'model {'];
    const arch = ['system Generated "Generated for the peer benchmark" {', '  workload { rps 10k peak 2x keys 10M zipf 0.8 }', '  client users', '  users -> svc0_0'];
    for (let g = 0; g < groups; g++) {
        c4.push(`  sys${g} = system 'System ${g}' {`);
        arch.push(`  zone sys${g} "System ${g}" {`);
        for (const leaf of leaves.filter((l) => l.group === g)) {
            c4.push(`    ${leaf.id} = ${leaf.kind} '${leaf.kind} ${leaf.id}' {`, `      description 'Generated ${leaf.kind}'`, '    }');
            arch.push(leaf.kind === 'database'
                ? `    database ${leaf.id} "database ${leaf.id}" { replicas 3 async capacity 5k rps latency 2ms }`
                : `    service ${leaf.id} "service ${leaf.id}" { replicas 3 capacity 2k rps latency 5ms }`);
        }
        c4.push('  }');
        arch.push('  }');
    }
    for (const [a, b, async] of relations) {
        c4.push(`  sys${a.group}.${a.id} ${async ? '-[async]->' : '->'} sys${b.group}.${b.id} 'calls'`);
        arch.push(`  ${a.id} -> ${b.id}${async ? ' : async' : ''}`);
    }
    c4.push('}', '', 'views {', '  view index {', '    include *', '  }', '}', '');
    arch.push('}', '');
    return { likec4: c4.join('\n'), arch: arch.join('\n'), elements: leaves.length, relations: relations.length };
}
