import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../helpers.js';
import { buildFiles, createNodeArchServices } from '../../language-server/workspace.js';
import { buildModels } from '../../language-server/model/build-model.js';

const languageErrors = (diagnostics: { code?: unknown; severity?: number }[]) =>
    diagnostics.filter((d) => ['syntax', 'unknown-reference', 'duplicate-name', 'import-cycle', 'bad-unit', 'invalid-value', 'unknown-property'].includes(String(d.code)));

describe('every construct parses', () => {
    it('the whole reference example of language.md, with its import', async () => {
        const [built] = await buildFiles(createNodeArchServices(), [fileURLToPath(new URL('../fixtures/language-reference.arch', import.meta.url))]);
        expect(languageErrors(built.diagnostics)).toEqual([]);
        const models = buildModels(built.document.parseResult.value);
        expect(models.map((m) => m.name)).toEqual(['TinyURL']);
        expect([...models[0].components.keys()]).toEqual(['browser', 'edge', 'api', 'url_cache', 'urls', 'clicks', 'clicks_dlq', 'stats']);
    });

    it.each([
        ['several systems per file', 'system A { service x } system B { service x }'],
        ['top-level library components', 'service shared_api { replicas 2 } queue q'],
        ['nested zones', 'system S { zone eu { zone eu_1a { service a } zone eu_1b { service b } } }'],
        ['every component kind', 'system S { client c cdn d loadbalancer l proxy p service s worker w cache k database db queue q store st }'],
        ['titles and the title property', 'system S "t" { service a "A title" service b { title "B title" } zone z "Zone" { } }'],
        ['common properties', 'system S { service a { replicas 3 sync capacity 2k rps latency 4ms concurrency 8 } service b { latency 2ms const } service c { latency p50 3ms p99 20ms } service d { latency p50 3ms p90 5ms p95 8ms p99 20ms p999 90ms } }'],
        ['workload', 'system S { workload { rps 20k peak 3x keys 500M zipf 1.05 read_ratio 95% payload 2KB } }'],
        ['client properties', 'system S { client c { rps 500 protocol websocket } }'],
        ['cdn properties', 'system S { cdn c { hit_ratio 0.9 ttl 1h } }'],
        ['load balancer properties', 'system S { loadbalancer l { algorithm weighted_round_robin weights [3, 1] mode active_passive health_check every 5s timeout 1s unhealthy_after 3 } loadbalancer m { health_check unhealthy_after 2 every 1s } }'],
        ['proxy properties', 'system S { proxy p { collapsed_forwarding on eviction lfu capacity 1M items ttl 10m } }'],
        ['service and worker properties', 'system S { queue q service s { stateful on } worker w { consumes q } }'],
        ['cache properties', 'system S { cache c { placement app_server write write_back eviction mru size 64GB item 1KB ttl 24h invalidation ttl_only } cache d { capacity 20M items } }'],
        ['database properties', 'system S { database other database d { model relational acid on consistency strong durability critical indexes [a, b] joins [other] references [other] write_ratio 0.3 read_after_write on key monotonic } }'],
        ['queue properties', 'system S { queue dlq queue q { delivery exactly_once retries 5 dead_letter dlq max_depth 1M } }'],
        ['store properties', 'system S { store s { size 2PB durability critical } }'],
        ['every partition form', `system S { service dir
            database a { partition hash(user_id) shards 16 }
            database b { partition hash(user_id) shards 16 consistent vnodes 128 }
            database c { partition range(zip_code) shards 8 }
            database d { partition list(country) shards 4 }
            database e { partition round_robin shards 8 }
            database f { partition directory(photo_id) via dir shards 64 }
            database g { partition list(region) then hash(user_id) shards 32 }
            database h { partition hash(key) shards 4 key random } }`],
        ['connection chains, protocols and options', `system S { service a service b service c queue q
            a -> b -> c : grpc { timeout 2s retries 3 }
            a -> q : async
            b -> c : long_polling timeout 30s
            c -> a : polling every 500ms
            a -> c : websocket }`],
        ['flows with share, read/write and forks', `system S { service a service b service c service d service e queue q
            flow one 60% read : a -> b -> { c, d -> e }
            flow two 0.3 write : a -> { q, c }
            flow three : a -> b }`],
        ['scenarios', 'system S { zone z { service a } scenario s "what if" { duration 120s load 1.5x seed 42 fail z at 30s for 60s fail a at 10s } }'],
        ['components spread over zones', 'system S { zone a { } zone b { } service x { zones [a, b] } }'],
        ['comments of both kinds', 'system S { /* block\n comment */ service a // line\n }'],
    ])('%s', async (_name, text) => {
        const { diagnostics } = await parse(text);
        expect(languageErrors(diagnostics)).toEqual([]);
    });
});
