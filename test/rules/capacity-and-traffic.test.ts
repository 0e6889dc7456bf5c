import { describe, expect, it } from 'vitest';
import { at, findings, fixed } from './helpers.js';
import { parse } from '../helpers.js';
import { runRules } from '../../language-server/rules/run-rules.js';
import { capacityHeadroom } from '../../language-server/rules/capacity-headroom.js';

const api = (replicas: number, extra = '') => `system Api {
  workload { rps 10k peak 2x }
  client app
  service api { replicas ${replicas} capacity 2k rps }
  ${extra}
  app -> api
}`;

describe('capacity-exceeded and capacity-headroom', () => {
    it('reports utilisation at peak of 1 or more as exceeded, on the capacity', async () => {
        const text = api(4);
        expect(await findings(text, 'capacity-exceeded')).toEqual([at('capacity-exceeded', 'api', text, 'capacity 2k rps')]);
        expect(await findings(text, 'capacity-headroom')).toEqual([]);
    });

    it('reports utilisation from 0.8 as headroom', async () => {
        const text = api(11);
        expect(await findings(text, 'capacity-headroom')).toEqual([at('capacity-headroom', 'api', text, 'capacity 2k rps')]);
        expect(await findings(text, 'capacity-exceeded')).toEqual([]);
    });

    it('near miss: enough replicas for the peak', async () => {
        expect(await findings(api(14), 'capacity-headroom')).toEqual([]);
        expect(await findings(api(14), 'capacity-exceeded')).toEqual([]);
    });

    it('judges the traffic that reaches a tier after a cache', async () => {
        const text = (front: string) => `system S {
  workload { rps 10k keys 1M zipf 1.0 }
  client app
  ${front}
  database db { replicas 2 capacity 3k rps }
  app -> ${front ? 'kv -> ' : ''}db
}`;
        expect(await findings(text(''), 'capacity-exceeded')).toHaveLength(1);
        expect(await findings(text('cache kv { capacity 200k items }'), 'capacity-exceeded')).toEqual([]);
    });

    it('judges a partitioned store over all its shards', async () => {
        const text = 'system S {\n  workload { rps 10k }\n  client app\n  database db { partition hash(k) shards 8 consistent vnodes 256 capacity 1k rps }\n  app -> db\n}';
        expect(await findings(text, 'capacity-exceeded')).toEqual([at('capacity-exceeded', 'db', text, 'capacity 1k rps')]);
        expect(await findings(text.replace('shards 8', 'shards 16'), 'capacity-exceeded')).toEqual([]);
    });

    it('takes its threshold from the configuration', async () => {
        const { models } = await parse(api(14));
        expect(runRules(models, { rules: {}, thresholds: { 'capacity-headroom.utilisation': 0.7 } }, [capacityHeadroom])).toHaveLength(1);
        expect(runRules(models, { rules: {}, thresholds: {} }, [capacityHeadroom])).toHaveLength(0);
    });
});

describe('lb-no-health-check', () => {
    it('reports a balancer without health_check, on its name', async () => {
        const text = 'system S {\n  client c\n  loadbalancer lb { replicas 2 }\n  service a { replicas 2 }\n  c -> lb -> a\n}';
        expect(await findings(text, 'lb-no-health-check')).toEqual([at('lb-no-health-check', 'lb', text, 'lb')]);
    });

    it('near miss: with a health check', async () => {
        expect(await findings('system S { loadbalancer lb { health_check every 5s } }', 'lb-no-health-check')).toEqual([]);
    });
});

describe('lb-algorithm-mismatch', () => {
    const chat = (algorithm: string) => `system Chat {
  client chat_app { protocol websocket }
  loadbalancer lb { algorithm ${algorithm} replicas 2 health_check every 5s }
  service gateway { replicas 4 }
  chat_app -> lb
  lb -> gateway
}`;

    it('reports round_robin in front of websocket clients and fixes it to least_connections', async () => {
        const text = chat('round_robin');
        expect(await findings(text, 'lb-algorithm-mismatch')).toEqual([at('lb-algorithm-mismatch', 'lb', text, 'algorithm round_robin')]);
        const after = await fixed(text, 'lb-algorithm-mismatch');
        expect(after).toContain('algorithm least_connections');
        expect(await findings(after, 'lb-algorithm-mismatch')).toEqual([]);
    });

    it('reports random in front of an sse connection', async () => {
        const text = 'system S {\n  client c\n  loadbalancer lb { algorithm random }\n  c -> lb : sse\n}';
        expect(await findings(text, 'lb-algorithm-mismatch')).toEqual([at('lb-algorithm-mismatch', 'lb', text, 'algorithm random')]);
    });

    it('reports round_robin over targets of unequal capacity, on the name when algorithm is the default', async () => {
        const text = 'system S {\n  client c\n  loadbalancer lb\n  service big { capacity 4k rps }\n  service small { capacity 1k rps }\n  c -> lb -> big\n  lb -> small\n}';
        expect(await findings(text, 'lb-algorithm-mismatch')).toEqual([at('lb-algorithm-mismatch', 'lb', text, 'lb')]);
    });

    it('near miss: least_connections for websockets, equal targets for round robin', async () => {
        expect(await findings(chat('least_connections'), 'lb-algorithm-mismatch')).toEqual([]);
        expect(await findings('system S { client c loadbalancer lb service a { capacity 1k rps } service b { capacity 1k rps } c -> lb -> a lb -> b }', 'lb-algorithm-mismatch')).toEqual([]);
    });
});

describe('polling-overhead', () => {
    it('reports polling more often than every 5s, on the connection', async () => {
        const text = 'system S {\n  client browser\n  service api { replicas 2 }\n  browser -> api : polling every 1s\n}';
        expect(await findings(text, 'polling-overhead')).toEqual([at('polling-overhead', 'browser', text, 'browser -> api')]);
    });

    it('near miss: polling every 30s, or sse', async () => {
        expect(await findings('system S { client b service a b -> a : polling every 30s }', 'polling-overhead')).toEqual([]);
        expect(await findings('system S { client b service a b -> a : sse }', 'polling-overhead')).toEqual([]);
    });
});

describe('queue-no-retry', () => {
    it('reports at-least-once without retries, on delivery', async () => {
        const text = 'system S {\n  queue orders { delivery at_least_once }\n}';
        expect(await findings(text, 'queue-no-retry')).toEqual([at('queue-no-retry', 'orders', text, 'delivery at_least_once')]);
    });

    it('reports retries without a dead letter queue, on retries', async () => {
        const text = 'system S {\n  queue orders { retries 5 }\n}';
        expect(await findings(text, 'queue-no-retry')).toEqual([at('queue-no-retry', 'orders', text, 'retries 5')]);
    });

    it('near miss: retries with a dead letter queue (which itself is exempt), or at-most-once', async () => {
        expect(await findings('system S { queue orders { retries 5 dead_letter dlq } queue dlq }', 'queue-no-retry')).toEqual([]);
        expect(await findings('system S { queue events { delivery at_most_once } }', 'queue-no-retry')).toEqual([]);
    });
});

describe('queue-unconsumed', () => {
    it('reports a queue nobody consumes, on its name', async () => {
        const text = 'system S {\n  client app\n  queue emails { retries 3 dead_letter dlq }\n  queue dlq\n  app -> emails\n}';
        expect(await findings(text, 'queue-unconsumed')).toEqual([at('queue-unconsumed', 'emails', text, 'emails')]);
    });

    it('reports consumers slower than the arrival rate at peak', async () => {
        const text = 'system S {\n  workload { rps 1k peak 2x }\n  client app\n  queue jobs\n  worker w { replicas 2 capacity 500 rps consumes jobs }\n  app -> jobs\n}';
        expect(await findings(text, 'queue-unconsumed')).toEqual([at('queue-unconsumed', 'jobs', text, 'jobs')]);
        expect(await findings(text.replace('replicas 2', 'replicas 5'), 'queue-unconsumed')).toEqual([]);
    });

    it('near miss: a dead letter queue without a consumer', async () => {
        expect(await findings('system S { queue q { retries 3 dead_letter dlq } queue dlq worker w { consumes q } }', 'queue-unconsumed')).toEqual([]);
    });
});

describe('unreachable', () => {
    it('reports a component no client reaches, but no client', async () => {
        const text = 'system S {\n  client web\n  client batch\n  service api { replicas 2 }\n  service legacy { replicas 2 }\n  web -> api\n}';
        expect(await findings(text, 'unreachable')).toEqual([at('unreachable', 'legacy', text, 'legacy')]);
    });

    it('reports a component only declared connections reach when flows carry the traffic', async () => {
        const text = 'system S {\n  client web\n  service api\n  service audit\n  web -> api -> audit\n  flow f : web -> api\n}';
        expect(await findings(text, 'unreachable')).toEqual([at('unreachable', 'audit', text, 'audit')]);
    });

    it('near miss: consumers, dead letter queues and directories count as reached', async () => {
        const text = `system S {
  client web
  queue q { retries 3 dead_letter dlq }
  queue dlq
  worker w { consumes q }
  worker inspector { consumes dlq }
  service dir
  database db { partition directory(k) via dir shards 4 }
  web -> q
  web -> db
}`;
        expect(await findings(text, 'unreachable')).toEqual([]);
    });
});
