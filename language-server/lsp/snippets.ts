/** Snippets for a new system and each component kind, with the properties a designer sets first. */
import type { ComponentKind } from '../model/types.js';

/** A new system with a workload, a client, a balanced service and a database. */
export const SYSTEM_SNIPPET = [
    'system ${1:Name} "${2:What it does}" {',
    '\tworkload { rps ${3:1k} peak ${4:2x} }',
    '',
    '\tclient users { protocol https }',
    '\tloadbalancer lb { algorithm least_connections replicas 2 health_check every 5s timeout 1s unhealthy_after 3 }',
    '\tservice api { replicas ${5:3} capacity ${6:500} rps latency ${7:10ms} }',
    '\tdatabase db { replicas 2 sync capacity ${8:2k} rps latency 5ms }',
    '',
    '\tusers -> lb -> api -> db',
    '$0}',
].join('\n');

/** One snippet per kind. */
export const COMPONENT_SNIPPETS: Readonly<Record<ComponentKind, string>> = {
    client: 'client ${1:name} { protocol ${2|https,http,grpc,websocket,sse,long_polling,polling|} }',
    cdn: 'cdn ${1:name} { hit_ratio ${2:0.9} ttl ${3:1d} }',
    loadbalancer: 'loadbalancer ${1:name} {\n\talgorithm ${2|least_connections,round_robin,weighted_round_robin,least_response_time,least_bandwidth,ip_hash,random|}\n\treplicas ${3:2}\n\thealth_check every ${4:5s} timeout ${5:1s} unhealthy_after ${6:3}\n}',
    proxy: 'proxy ${1:name} { collapsed_forwarding on replicas ${2:2} }',
    service: 'service ${1:name} {\n\treplicas ${2:3}\n\tcapacity ${3:1k} rps\n\tlatency ${4:5ms}\n}',
    worker: 'worker ${1:name} {\n\treplicas ${2:2}\n\tcapacity ${3:500} rps\n\tconsumes ${4:queue}\n}',
    cache: 'cache ${1:name} {\n\tplacement ${2|distributed,app_server,global,cdn|}\n\twrite ${3|write_around,write_through,write_back|}\n\teviction ${4|lru,lfu,fifo,random,lifo,mru|}\n\tcapacity ${5:1M} items\n\tttl ${6:1h}\n\treplicas ${7:3}\n}',
    database: 'database ${1:name} {\n\tmodel ${2|relational,key_value,document,wide_column,graph|}\n\tconsistency ${3|strong,eventual|}\n\treplicas ${4:3} ${5|async,sync|}\n\tpartition hash(${6:id}) shards ${7:16} consistent vnodes ${8:128}\n\tcapacity ${9:2k} rps\n\tlatency ${10:5ms}\n}',
    queue: 'queue ${1:name} { delivery ${2|at_least_once,at_most_once,exactly_once|} retries ${3:3} dead_letter ${4:dlq} }',
    store: 'store ${1:name} { size ${2:1TB} durability ${3|critical,normal,none|} replicas ${4:3} }',
};
