/** What the engine tests share: an engine built from a model's text, its runtimes and nodes, requests put in by hand, a run to the end. */
import { model } from '../helpers.js';
import { Engine, type EngineConfig } from '../../language-server/simulation/engine.js';
import { ENTER } from '../../language-server/simulation/program.js';
import { MEASURED, type JobSpec } from '../../language-server/simulation/requests.js';
import { Rng } from '../../language-server/simulation/random.js';
import type { Runtime } from '../../language-server/simulation/setup.js';
import { spec } from './fake-kernel.js';

export const SEED = 7;

/** An engine for the one system of `text`; no arrivals unless `rps` is given; the failures and spikes of `scenario`. */
export async function build(text: string, config: Partial<EngineConfig> = {}, scenario?: string): Promise<Engine> {
    const m = await model(text);
    const s = scenario === undefined ? undefined : m.scenarios.find((x) => x.name === scenario);
    if (scenario !== undefined && !s) throw new Error(`no scenario ${scenario}`);
    return new Engine(m, {
        seed: SEED, rps: 0, durationS: 10, warmupS: 0, failures: s?.failures ?? [], spikes: s?.spikes ?? [], maxInFlight: 1000, ...config,
    });
}

/** The runtime of component `name`. */
export function rt(e: Engine, name: string): Runtime {
    const r = e.runtimes.find((x) => x.component.name === name);
    if (!r) throw new Error(`no component ${name}`);
    return r;
}

/** The first node of component `name` in the program. */
export function nodeOf(e: Engine, name: string): number {
    const c = e.runtimes.findIndex((x) => x.component.name === name);
    const n = e.program.comp.indexOf(c);
    if (n < 0) throw new Error(`no node of ${name}`);
    return n;
}

/**
 * Puts a client's request (measured, at entry `entry` — the first unless given —, unless `fields`
 * say otherwise) into the engine at time `t`; `ids` gets its id.
 */
export function send(e: Engine, t: number, fields: Partial<JobSpec> = {}, { ids = [], entry = 0 }: { ids?: number[]; entry?: number } = {}): void {
    e.at(t, () => {
        const node = fields.node ?? e.program.entries[entry].node;
        const id = e.job(spec({ node, t0: t, flags: MEASURED, replica: 0, ...fields }));
        ids.push(id);
        if (id >= 0) e.advance(id, node, ENTER);
    });
}

/** Runs every pending event up to `until`. */
export function drain(e: Engine, until = 1e9): number {
    return e.runUntil(until, 1e9);
}

/** Two replicas of `api`, one per zone, behind a health-checked balancer (noticed after 2.5 s down); `failures` is scenario `s`. */
export const checkedReplicas = (failures: string, algorithm = 'round_robin') => `system S {
  client u
  zone a { }
  zone b { }
  loadbalancer lb { algorithm ${algorithm} health_check every 1s timeout 0.5s unhealthy_after 2 }
  service api { replicas 2 latency 10ms const concurrency 1 zones [a, b] }
  u -> lb -> api
  scenario s { ${failures} }
}`;

/** A cache of 10 items on each of api's two replicas, behind a round-robin balancer, in front of db. */
export const appServerCacheBehindBalancer = `system S {
  client u
  loadbalancer lb { }
  service api { replicas 2 }
  cache c { placement app_server capacity 10 items }
  database db { latency 1ms const }
  u -> lb -> api -> c -> db
}`;

/** Services `a` and `b` behind a health-checked balancer (noticed after 2.5 s down); `failures` is scenario `s`. */
export const checkedPair = (failures: string) => `system S {
  client u
  loadbalancer lb { health_check every 1s timeout 0.5s unhealthy_after 2 }
  service a { latency 10ms const }
  service b { latency 10ms const }
  u -> lb
  lb -> a
  lb -> b
  scenario s { ${failures} }
}`;

/**
 * How many of `count` requests draw below `p` on their second draw from the seed (the first is
 * the client's choice of child): the writes a store's ratio makes, or the calls a `[P%]` hop makes.
 */
export function secondDrawsBelow(count: number, p: number): number {
    const rng = new Rng(SEED);
    let below = 0;
    for (let i = 0; i < count; i++) {
        rng.next();
        if (rng.next() < p) below++;
    }
    return below;
}
