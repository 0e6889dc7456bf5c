/**
 * slo-miss against closed forms: one M/M/1 replica (capacity 100 rps, exponential 10ms: one
 * server) offered 50 rps has an exponential sojourn time of rate μ − λ = 50/s, so its p50 is
 * ln 2 / 50 = 13.9ms and its p99 ln 100 / 50 = 92.1ms; a single replica down 10s of a 100s
 * scenario completes 90% of requests. Ten parallel calls to it at 5 rps load it as 50 rps do; the
 * slowest of ten such sojourns has p99 −ln(1 − 0.99^(1/10)) / 50 = 138.1ms. Behind a web tier
 * of M/M/1 rate 1000/s (sojourn rate 950/s), the end-to-end time is hypoexponential:
 * P(T > t) = (950·e^(−50t) − 50·e^(−950t)) / 900, so its p99 is ln(950 / 9) / 50 = 93.2ms,
 * and the database adds most of it.
 */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { createArchServices } from '../../language-server/arch-module.js';
import { buildText } from '../../language-server/workspace.js';
import { lint, ruleTester } from './rule-tester.js';

const mm1 = (objectives: string, rps = 50) => `system S {
  workload { rps ${rps} }
  client app
  service api { replicas 1 capacity 100 rps latency 10ms }
  flow call 100% read ${objectives} : app -> api
}`;
const outage = (availability: string) => `system S {
  workload { rps 50 }
  client app
  service api { replicas 1 capacity 100 rps latency 10ms }
  flow call 100% read availability ${availability} : app -> api
  scenario crash { duration 100s fail api at 20s for 10s }
}`;

const fanOut = (p99: string) => `system S {
  workload { rps 5 }
  client app
  service api { replicas 1 capacity 100 rps latency 10ms }
  flow call 100% read p99 ${p99} : app -> api [x10]
}`;
const twoTiers = (p99: string) => `system S {
  workload { rps 50 }
  client app
  service web { replicas 1 capacity 1000 rps latency 1ms }
  database db { replicas 1 capacity 100 rps latency 10ms }
  flow call 100% read p99 ${p99} : app -> web -> db
}`;

ruleTester.run('slo-miss', {
    valid: [
        { name: 'a p99 of 100ms over the estimate\'s 92.1ms', code: mm1('p99 100ms') },
        { name: 'a p50 of 14ms over the estimate\'s 13.9ms', code: mm1('p50 14ms') },
        { name: 'an availability of 85% under the 90% a 10s outage of 100s leaves', code: outage('85%') },
        { name: 'an availability objective without scenarios is not judged by the estimate', code: mm1('availability 99.99%') },
        { name: 'no objectives', code: mm1('') },
        { name: 'a p99 of 140ms over the 138.1ms of the slowest of ten calls', code: fanOut('140ms') },
        { name: 'a p99 of 95ms over the 93.2ms of two tiers in series', code: twoTiers('95ms') },
    ],
    invalid: [
        { name: 'a p99 of 90ms under the estimate\'s 92.1ms, on the flow, naming the tier', code: mm1('p99 90ms'), errors: [{ component: 'api', on: 'call' }] },
        { name: 'a p50 of 13ms under the estimate\'s 13.9ms', code: mm1('p50 13ms'), errors: [{ component: 'api', on: 'call' }] },
        { name: 'each missed objective once', code: mm1('p50 13ms p99 90ms'), errors: [{ component: 'api', on: 'call' }, { component: 'api', on: 'call' }] },
        { name: 'an overloaded tier: no latency is met', code: mm1('p99 10s', 150), errors: [{ component: 'api', on: 'call' }] },
        { name: 'a p99 of 136ms under the 138.1ms of the slowest of ten calls', code: fanOut('136ms'), errors: [{ component: 'api', on: 'call' }] },
        { name: 'a p99 of 92ms under the 93.2ms of two tiers, naming the database that adds most', code: twoTiers('92ms'), errors: [{ component: 'db', on: 'call' }] },
        { name: 'an availability of 95% over the 90% a 10s outage of 100s leaves', code: outage('95%'), errors: [{ component: 'api', on: 'call' }] },
    ],
});

describe('slo-miss on an overloaded tier', () => {
    it('says the tier is overloaded and its time unbounded, not the figure where the estimate stopped', async () => {
        // 150 rps into one server of 100 rps: 150% of its capacity.
        const [message] = (await lint('slo-miss', mm1('p99 10s', 150))).map((d) => d.message);
        expect(message).toMatch(/^Flow call misses its p99 of 10s: at peak api is overloaded \(150% of its capacity\), so its time grows without bound \(.+ after the estimate's .+\)\.$/);
    });
});

describe('slo-miss beside a scenario of no time', () => {
    it('judges the other scenarios while the editor shows duration 0s as a language error', async () => {
        const services = createArchServices(EmptyFileSystem).Arch;
        const code = outage('95%').replace('  scenario crash', '  scenario empty { duration 0s }\n  scenario crash');
        const { diagnostics } = await buildText(services, code, 'file:///slo-miss/empty-scenario.arch');
        expect(diagnostics.filter((d) => d.code === 'invalid-value').map((d) => d.message)).toEqual(['duration must be above 0; got 0s.']);
        expect(diagnostics.filter((d) => d.code === 'slo-miss').map((d) => d.message)).toEqual([expect.stringMatching(/^Flow call misses its availability of 95%: the estimate gives 90% in scenario crash/)]);
    });
});

describe('slo-miss messages', () => {
    const messages = async (code: string) => (await lint('slo-miss', code)).map((d) => d.message);
    it('gives the estimate in milliseconds and the tier that adds most to it', async () => {
        // M/M/1 at 50 of 100 rps: p99 = ln 100 / 50 = 92.1ms.
        expect(await messages(mm1('p99 90ms'))).toEqual(['Flow call misses its p99 of 90ms: the analytic estimate at peak gives 92.1ms, api adding most to it.']);
    });
    it('gives the availability in the scenario and the tier that fails the requests', async () => {
        // One replica down 10s of 100s: 90%.
        expect(await messages(outage('95%'))).toEqual(['Flow call misses its availability of 95%: the estimate gives 90% in scenario crash, most of the failed requests at api.']);
    });
    it('calls a tier at exactly its capacity overloaded (an M/M/1 queue at load 1 has no steady state)', async () => {
        expect(await messages(mm1('p99 100ms', 100))).toEqual([expect.stringMatching(/^Flow call misses its p99 of 100ms: at peak api is overloaded \(100% of its capacity\), so its time grows without bound /)]);
    });
    it('gives where an overloaded line stopped in seconds, not thousands of them', async () => {
        // 150 rps into 100 for the estimate's run: 50 rps of excess a minute leaves 30s of work queued, so the figure is tens of seconds.
        const [message] = await messages(mm1('p99 10s', 150));
        const [, value, unit] = /\((\d+(?:\.\d+)?)(s|m|h) after the estimate's 1m\)\.$/.exec(message) ?? [];
        expect(unit).toBe('s');
        expect(Number(value)).toBeGreaterThan(10);
        expect(Number(value)).toBeLessThan(60);
    });
});
