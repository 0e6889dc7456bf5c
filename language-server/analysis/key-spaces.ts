/**
 * Key spaces (language.md v2, per-component `keys N zipf s`): a database, store, cache or queue
 * may declare its own; a cache (or caching proxy) without one uses the store behind it, else
 * the workload's, and so do CDNs. A request's key belongs to one space: the simulator draws a
 * fresh key when a request enters a keyed component of another space (users, tweets and
 * queries are different keys), and the traffic analysis recomputes the hottest key there.
 * Services, balancers and clients pass the key they were given on.
 */
import type { ArchComponent, ArchModel, StoreComponent } from '../model/types.js';
import { cacheSpecOf, isStore } from '../model/kinds.js';
import { edgesFrom } from './edge-index.js';
import { hottestKeyShare } from './partition.js';

/** One key space: who declares it ('' for the workload's), its size and its skew. */
export interface KeySpace {
    readonly id: string;
    /** Keys in the space; undefined when not declared (zipf.ts assumes DEFAULT_KEYS). */
    readonly keys: number | undefined;
    readonly zipf: number;
    /** Share of the space's requests that go to its single hottest key. */
    readonly hottest: number;
}

/** Id of the workload's key space. */
export const WORKLOAD_SPACE = '';

/** Each model's resolved spaces by component name, and the workload's. */
const memo = new WeakMap<ArchModel, { workload: KeySpace; byName: Map<string, KeySpace | undefined> }>();

function spacesOf(model: ArchModel): { workload: KeySpace; byName: Map<string, KeySpace | undefined> } {
    let spaces = memo.get(model);
    if (!spaces) memo.set(model, (spaces = { workload: spaceOf(WORKLOAD_SPACE, model.workload.keys, model.workload.zipf), byName: new Map() }));
    return spaces;
}

/** The workload's key space. */
export function workloadSpace(model: ArchModel): KeySpace {
    return spacesOf(model).workload;
}

/** The key space `component` looks its keys up in; undefined for a component that keeps no keys (a service, balancer or client). */
export function keySpaceOf(model: ArchModel, component: ArchComponent): KeySpace | undefined {
    const { byName } = spacesOf(model);
    if (!byName.has(component.name)) byName.set(component.name, resolve(model, component));
    return byName.get(component.name);
}

function resolve(model: ArchModel, component: ArchComponent): KeySpace | undefined {
    const own = component.kind === 'database' || component.kind === 'store' || component.kind === 'cache' || component.kind === 'queue'
        ? component.keys : undefined;
    if (own) return spaceOf(component.name, own.keys, own.zipf);
    if (component.kind === 'cdn' || isStore(component) || component.kind === 'queue') return workloadSpace(model);
    if (!cacheSpecOf(component)) return undefined;
    const behind = frontedStores(model, component).find((s) => s.keys !== undefined);
    return behind ? keySpaceOf(model, behind) : workloadSpace(model);
}

function spaceOf(id: string, keys: number | undefined, zipf: number): KeySpace {
    return { id, keys, zipf, hottest: hottestKeyShare(keys, zipf) };
}

/** The workload with `space`'s keys and skew (what shard shares and hit models read). */
export function withSpace<W extends { keys?: number; zipf: number }>(workload: W, space: KeySpace | undefined): W {
    return space ? { ...workload, keys: space.keys, zipf: space.zipf } : workload;
}

/** The databases and stores a caching component stands in front of (through further caches). */
export function frontedStores(model: ArchModel, cache: ArchComponent): StoreComponent[] {
    const found: StoreComponent[] = [];
    const seen = new Set<string>([cache.name]);
    const queue = [cache.name];
    while (queue.length) {
        const name = queue.shift()!;
        for (const edge of edgesFrom(model, name)) {
            if (edge.kind !== 'call' || seen.has(edge.to)) continue;
            seen.add(edge.to);
            const next = model.components.get(edge.to);
            if (!next) continue;
            if (isStore(next)) found.push(next);
            else if (next.kind === 'cdn' || cacheSpecOf(next) !== undefined) queue.push(next.name);
        }
    }
    return found;
}
