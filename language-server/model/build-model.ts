/**
 * AST to ArchModel: one model per system, units normalised, defaults applied, flows expanded
 * into hops and the connections they imply added. Total: it never throws on a broken AST;
 * validation reports what it skips.
 */
import { AstUtils, type Reference } from 'langium';
import * as ast from '../generated/ast.js';
import { normalise } from './units.js';
import { PROPERTIES, valueTypeOf, type PropertyContext } from './properties.js';
import { locationOf } from './source.js';
import { modelledKind } from './suggest.js';
import type {
    ArchComponent, ArchEdge, ArchFlow, ArchModel, ArchScenario, ArchZone, CacheSpec, ComponentKind,
    FlowStep, LatencyModel, LoadBalancerSpec, PartitionSpec, QueueSpec, StoreSpec, Workload,
} from './types.js';

/** Builds one ArchModel for each system of a parsed document. */
export function buildModels(document: ast.Document): ArchModel[] {
    return document.systems.map(buildModel);
}

/** Builds the ArchModel of one system. */
export function buildModel(system: ast.System): ArchModel {
    const uri = AstUtils.getDocument(system).uri.toString();
    const components = new Map<string, ArchComponent>();
    const zones = new Map<string, ArchZone>();
    const rootZones: string[] = [];
    const connections: ast.Connection[] = [];
    const declared = new Map<string, ast.Component>();
    const docRoot = system.$container;

    const visit = (elements: ast.Element[], zonePath: string[]): void => {
        for (const element of elements) {
            if (ast.isComponent(element)) {
                // A component without a name is a syntax error, and nothing can refer to it.
                if (!element.name) continue;
                // Of two declarations of one name (an error), a bare one yields to one with properties.
                const kept = declared.get(element.name);
                if (!kept || (!kept.properties.length && element.properties.length)) {
                    declared.set(element.name, element);
                    components.set(element.name, buildComponent(element, zonePath, false));
                }
                zones.get(zonePath[zonePath.length - 1])?.components.push(element.name);
            } else if (ast.isZone(element)) {
                if (zones.has(element.name)) continue;
                const parent = zonePath[zonePath.length - 1];
                zones.set(element.name, {
                    name: element.name, title: element.title, parent, zones: [], components: [],
                    source: locationOf(element, 'name'),
                });
                if (parent) zones.get(parent)?.zones.push(element.name);
                else rootZones.push(element.name);
                visit(element.elements, [...zonePath, element.name]);
            } else if (ast.isConnection(element)) {
                connections.push(element);
            }
        }
    };
    visit(docRoot.elements, []);
    visit(system.members.filter(ast.isElement), []);

    const workloadNode = system.members.find(ast.isWorkload);
    const workload = buildWorkload(workloadNode, [...components.values()]);

    const include = (target: ast.Component): void => {
        if (components.has(target.name)) return;
        const imported = AstUtils.getDocument(target).uri.toString() !== uri;
        components.set(target.name, buildComponent(target, [], imported));
        // An imported queue comes with the imported consumers that drain it.
        if (imported && target.kind === 'queue') {
            for (const other of AstUtils.streamAllContents(AstUtils.findRootNode(target)).filter(ast.isComponent)) {
                if (other.properties.some((p) => ast.isReferenceProperty(p) && p.name === 'consumes' && p.target?.ref === target)) include(other);
            }
        }
    };
    const resolve = (ref: Reference<ast.Named> | undefined): string | undefined => {
        const target = ref?.ref;
        if (!target) return undefined;
        if (ast.isComponent(target)) include(target);
        return target.name;
    };

    const edges = new Map<string, ArchEdge>();
    const kindOf = (name: string): ComponentKind | undefined => components.get(name)?.kind;
    const edgeKind = (from: string, to: string, protocol?: string): ArchEdge['kind'] =>
        kindOf(from) === 'queue' ? 'consume' : protocol === 'async' || kindOf(to) === 'queue' ? 'async' : 'call';

    for (const connection of connections) {
        const names = connection.path.map(resolve);
        const protocol = connection.protocol?.name;
        const option = (name: string) => connection.protocol?.options.find((o) => o.name === name);
        for (let i = 0; i + 1 < names.length; i++) {
            const from = names[i], to = names[i + 1];
            if (!from || !to || !components.has(from) || !components.has(to)) continue;
            const id = `${from}->${to}`;
            if (edges.has(id)) continue;
            const timeout = scalar(connection.properties, 'timeout', 'connection') ?? quantity(option('timeout')?.value, 'duration');
            const retries = scalar(connection.properties, 'retries', 'connection');
            edges.set(id, {
                id, from, to, kind: edgeKind(from, to, protocol), protocol,
                timeoutS: timeout, retries, backoffS: scalar(connection.properties, 'backoff', 'connection'),
                pollIntervalS: protocol === 'polling' ? quantity(option('every')?.value, 'duration') : undefined,
                implied: false,
                source: { uri, range: spanOf(connection, i) },
            });
        }
    }

    const flowNodes = system.members.filter(ast.isFlow);
    const flows = buildFlows(flowNodes, workload, resolve, (from, to) => edges.get(`${from}->${to}`)?.kind ?? edgeKind(from, to));
    for (const flow of flows) {
        for (const hop of flow.hops) {
            const id = `${hop.from}->${hop.to}`;
            if (!edges.has(id)) edges.set(id, { id, ...hop, implied: true, source: flow.source });
        }
    }
    for (const component of components.values()) {
        for (const queue of component.consumes) {
            const id = `${queue}->${component.name}`;
            if (components.has(queue) && !edges.has(id)) {
                edges.set(id, { id, from: queue, to: component.name, kind: 'consume', implied: true, source: component.properties.consumes ?? component.source });
            }
        }
    }

    const scenarios = system.members.filter(ast.isScenario).map(buildScenario);

    return {
        name: system.name, title: system.title, uri, workload, components, zones, rootZones,
        edges: [...edges.values()], flows, scenarios, source: locationOf(system, 'name'),
    };
}

/** The model of one component on its own (zones as nested, not imported). */
export function buildComponentModel(node: ast.Component): ArchComponent {
    const zonePath: string[] = [];
    for (let c: ast.Component['$container'] | ast.Document | ast.System = node.$container; ast.isZone(c); c = c.$container) zonePath.unshift(c.name);
    return buildComponent(node, zonePath, false);
}

function buildComponent(node: ast.Component, zonePath: string[], imported: boolean): ArchComponent {
    const kind = modelledKind(node);
    const props = node.properties;
    const byName = new Map<string, ast.Property>();
    for (const p of props) if (!byName.has(p.name)) byName.set(p.name, p);
    const find = <T extends ast.Property>(name: string, guard: (p: ast.Property) => p is T): T | undefined => {
        const p = byName.get(name);
        return p && guard(p) ? p : undefined;
    };
    const word = (name: string): string | undefined => {
        const value = find(name, ast.isSimpleProperty)?.value?.text;
        return value !== undefined && value in (PROPERTIES[name]?.words ?? {}) ? value : undefined;
    };
    const on = (name: string): boolean => word(name) === 'on';
    const num = (name: string): number | undefined => scalar(props, name, kind);
    const refs = (name: string): string[] =>
        find(name, ast.isReferenceListProperty)?.targets.flatMap((t) => (t.ref ? [t.ref.name] : [])) ?? [];
    // A zone list with a name that does not resolve (an error) is not half used: the nesting decides.
    const zonesResolve = find('zones', ast.isReferenceListProperty)?.targets.every((t) => t.ref) ?? true;

    const properties: ArchComponent['properties'] = {};
    for (const [name, p] of byName) properties[name] = locationOf(p);

    const replicasNode = find('replicas', ast.isReplicasProperty);
    const capacityNode = find('capacity', ast.isSimpleProperty);
    const capacityIsItems = capacityNode !== undefined && valueTypeOf('capacity', kind, capacityNode.value?.unit) === 'items';
    // `capacity 0` is an invalid-value error; the model treats it as undeclared, never as zero.
    const declaredRps = capacityNode && !capacityIsItems ? quantity(capacityNode.value, 'rate') : undefined;
    const capacityRps = declaredRps !== undefined && declaredRps > 0 ? declaredRps : undefined;
    const latency = buildLatency(find('latency', ast.isLatencyProperty));
    const concurrency = num('concurrency')
        ?? (capacityRps === undefined ? Infinity : Math.max(1, Math.ceil(capacityRps * (latency?.meanS ?? 0) - 1e-9)));
    const zonesDeclared = zonesResolve ? refs('zones') : [];

    const component: ArchComponent = {
        name: node.name, kind, title: node.title ?? find("title", ast.isTitleProperty)?.value,
        zonePath, zones: zonesDeclared.length ? zonesDeclared : zonePath.slice(-1),
        replicas: Math.max(1, quantity(replicasNode?.value, 'integer') ?? 1),
        replication: replicasNode?.replication as ArchComponent['replication'],
        capacityRps,
        latency: latency ?? (capacityRps ? { kind: 'exponential', meanS: concurrency / capacityRps } : undefined),
        concurrency,
        rps: kind === 'client' ? num('rps') : undefined,
        protocol: word('protocol'),
        hitRatio: kind === 'cdn' ? num('hit_ratio') ?? 0 : undefined,
        ttlS: num('ttl'),
        collapsedForwarding: on('collapsed_forwarding'),
        consumes: [find('consumes', ast.isReferenceProperty)?.target?.ref?.name].filter((n): n is string => !!n),
        stateful: on('stateful'),
        imported,
        source: locationOf(node, 'name'),
        properties,
    };
    if (kind === 'loadbalancer') component.loadBalancer = buildLoadBalancer(props, word);
    const cacheWords = ['placement', 'write', 'eviction', 'invalidation', 'size', 'item'];
    if (kind === 'cache' || (kind === 'proxy' && props.some((p) => cacheWords.includes(p.name) || capacityIsItems))) {
        component.cache = buildCache(word, num, capacityIsItems ? quantity(capacityNode?.value, 'items') : undefined);
    }
    if (kind === 'database' || kind === 'store') {
        component.store = buildStore(word, num, on, refs, find('indexes', ast.isWordListProperty)?.values ?? []);
        const partition = find('partition', ast.isPartitionProperty);
        if (partition) component.partition = buildPartition(partition, word('key'));
    }
    if (kind === 'queue') component.queue = buildQueue(props, word, num);
    return component;
}

function buildLatency(node: ast.LatencyProperty | undefined): LatencyModel | undefined {
    if (!node) return undefined;
    if (node.value) {
        const meanS = quantity(node.value, 'duration');
        if (meanS === undefined) return undefined;
        return node.const ? { kind: 'const', meanS } : { kind: 'exponential', meanS };
    }
    const p50S = quantity(node.percentiles.find((p) => p.name === 'p50')?.value, 'duration');
    const tail = [...node.percentiles].reverse().find((p) => p.name !== 'p50');
    const tailS = quantity(tail?.value, 'duration');
    if (p50S === undefined || p50S <= 0) return undefined;
    const z = tail ? Z_SCORES[tail.name] : undefined;
    const sigma = tailS !== undefined && z && tailS > p50S ? Math.log(tailS / p50S) / z : 0;
    const mu = Math.log(p50S);
    const p99S = Math.exp(mu + Z_SCORES.p99 * sigma);
    return { kind: 'lognormal', meanS: Math.exp(mu + (sigma * sigma) / 2), p50S, p99S, mu, sigma };
}

/** Standard normal quantiles of the percentiles a latency may give. */
const Z_SCORES: Record<string, number> = { p50: 0, p90: 1.2815515655, p95: 1.6448536270, p99: 2.3263478740, p999: 3.0902323062 };

function buildLoadBalancer(props: ast.Property[], word: (n: string) => string | undefined): LoadBalancerSpec {
    const check = props.find(ast.isHealthCheckProperty);
    const option = (name: string, type: 'duration' | 'integer') => quantity(check?.options.find((o) => o.name === name)?.value, type);
    const weights = props.find(ast.isNumberListProperty)?.values.map((v) => quantity(v, 'number') ?? 1) ?? [];
    return {
        algorithm: (word('algorithm') ?? 'round_robin') as LoadBalancerSpec['algorithm'],
        mode: (word('mode') ?? 'active_active') as LoadBalancerSpec['mode'],
        weights,
        healthCheck: check && {
            intervalS: option('every', 'duration') ?? 10,
            timeoutS: option('timeout', 'duration') ?? 2,
            unhealthyAfter: option('unhealthy_after', 'integer') ?? 3,
        },
    };
}

function buildCache(word: (n: string) => string | undefined, num: (n: string) => number | undefined, capacityItems: number | undefined): CacheSpec {
    const sizeBytes = num('size');
    const itemBytes = num('item');
    return {
        placement: (word('placement') ?? 'distributed') as CacheSpec['placement'],
        write: (word('write') ?? 'write_around') as CacheSpec['write'],
        eviction: (word('eviction') ?? 'lru') as CacheSpec['eviction'],
        capacityItems: capacityItems ?? (sizeBytes !== undefined && itemBytes ? Math.floor(sizeBytes / itemBytes) : undefined),
        sizeBytes, itemBytes, ttlS: num('ttl'),
        invalidation: (word('invalidation') ?? 'on_write') as CacheSpec['invalidation'],
    };
}

function buildStore(
    word: (n: string) => string | undefined, num: (n: string) => number | undefined, on: (n: string) => boolean,
    refs: (n: string) => string[], indexes: string[],
): StoreSpec {
    return {
        model: word('model') as StoreSpec['model'],
        acid: on('acid'),
        consistency: (word('consistency') ?? 'strong') as StoreSpec['consistency'],
        durability: (word('durability') ?? 'normal') as StoreSpec['durability'],
        indexes, joins: refs('joins'), references: refs('references'),
        writeRatio: num('write_ratio'), readAfterWrite: on('read_after_write'), sizeBytes: num('size'),
    };
}

function buildPartition(node: ast.PartitionProperty, keyTrait: string | undefined): PartitionSpec {
    const option = (name: string) => node.options.find((o) => o.name === name);
    const consistent = option('consistent') !== undefined;
    return {
        schemes: node.schemes.map((s) => ({ scheme: s.scheme as PartitionSpec['schemes'][number]['scheme'], key: s.key })),
        shards: quantity(option('shards')?.value, 'integer') ?? 1,
        consistent,
        vnodes: quantity(option('vnodes')?.value, 'integer') ?? 1,
        via: option('via')?.target?.ref?.name,
        keyTrait: keyTrait as PartitionSpec['keyTrait'],
    };
}

function buildQueue(props: ast.Property[], word: (n: string) => string | undefined, num: (n: string) => number | undefined): QueueSpec {
    const retries = num('retries');
    return {
        delivery: (word('delivery') ?? 'at_least_once') as QueueSpec['delivery'],
        retries: retries ?? 0,
        retriesDeclared: retries !== undefined,
        deadLetter: props.find((p): p is ast.ReferenceProperty => ast.isReferenceProperty(p) && p.name === 'dead_letter')?.target?.ref?.name,
        maxDepth: num('max_depth'),
    };
}

function buildWorkload(node: ast.Workload | undefined, components: ArchComponent[]): Workload {
    const props = node?.properties ?? [];
    const keys = props.find(ast.isKeysProperty);
    const clientRps = components.filter((c) => c.kind === 'client' && c.rps !== undefined).reduce((sum, c) => sum + (c.rps ?? 0), 0);
    return {
        rps: scalar(props, 'rps', 'workload') ?? clientRps,
        peak: scalar(props, 'peak', 'workload') ?? 1,
        keys: quantity(keys?.value, 'count'),
        zipf: quantity(keys?.skew, 'number') ?? 0,
        readRatio: scalar(props, 'read_ratio', 'workload') ?? 1,
        payloadBytes: scalar(props, 'payload', 'workload'),
    };
}

function buildFlows(
    nodes: ast.Flow[], workload: Workload,
    resolve: (ref: Reference<ast.Named>) => string | undefined,
    hopKind: (from: string, to: string) => ArchEdge['kind'],
): ArchFlow[] {
    const written = nodes.map((n) => quantity(n.share, 'ratio'));
    const unshared = written.filter((s) => s === undefined).length;
    const left = Math.max(0, 1 - written.reduce<number>((sum, s) => sum + (s ?? 0), 0));
    const flows: ArchFlow[] = [];
    nodes.forEach((node, i) => {
        const roots = node.path ? buildSteps(node.path, resolve, new Set()) : [];
        if (roots.length !== 1) return;
        const root = roots[0];
        const hops: ArchFlow['hops'] = [];
        const walk = (step: FlowStep) => {
            for (const call of step.calls) {
                hops.push({ from: step.component, to: call.component, kind: hopKind(step.component, call.component) });
                walk(call);
            }
        };
        walk(root);
        const share = written[i] ?? left / unshared;
        flows.push({
            name: node.name, share, rps: share * workload.rps, access: node.access as ArchFlow['access'],
            root, hops, source: locationOf(node, 'name'),
        });
    });
    return flows;
}

/** The step of `chain`; a step that does not resolve (an error) is left out, its calls made by the step before it. */
function buildSteps(chain: ast.FlowChain, resolve: (ref: Reference<ast.Named>) => string | undefined, seen: Set<ast.FlowChain>): FlowStep[] {
    if (seen.has(chain)) return [];
    seen.add(chain);
    const next = chain.next ? [chain.next] : chain.fork?.branches ?? [];
    const calls = next.flatMap((c) => buildSteps(c, resolve, seen));
    const component = resolve(chain.target);
    return component ? [{ component, calls, source: locationOf(chain, 'target') }] : calls;
}

function buildScenario(node: ast.Scenario): ArchScenario {
    const props = node.properties;
    return {
        name: node.name, title: node.title,
        durationS: scalar(props, 'duration', 'scenario'),
        load: scalar(props, 'load', 'scenario'),
        seed: scalar(props, 'seed', 'scenario'),
        spikes: props.filter(ast.isSpikeProperty).flatMap((s) => {
            const factor = quantity(s.value, 'factor');
            if (factor === undefined || !(factor >= 0)) return [];
            return [{ factor, atS: quantity(s.at, 'duration') ?? 0, forS: quantity(s.for, 'duration') ?? Infinity, source: locationOf(s) }];
        }),
        failures: props.filter(ast.isFailProperty).flatMap((f) => {
            const target = f.target?.ref;
            if (!target) return [];
            return [{
                target: target.name, targetKind: ast.isZone(target) ? 'zone' as const : 'component' as const,
                atS: quantity(f.at, 'duration') ?? 0,
                forS: quantity(f.for, 'duration') ?? Infinity,
                source: locationOf(f),
            }];
        }),
        source: locationOf(node, 'name'),
    };
}

/** The normalised value of a scalar property, or undefined when absent or invalid. */
function scalar(props: ast.Property[], name: string, context: PropertyContext): number | undefined {
    const node = props.find((p): p is ast.SimpleProperty => ast.isSimpleProperty(p) && p.name === name);
    if (!node) return undefined;
    const type = valueTypeOf(name, context, node.value?.unit);
    const value = type ? quantity(node.value, type) : undefined;
    const { min = -Infinity, max = Infinity } = PROPERTIES[name] ?? {};
    return value !== undefined && value >= min && value <= max ? value : undefined;
}

/** The normalised value of a number as written, or undefined when absent or invalid. */
export function quantity(node: ast.Quantity | undefined, type: Parameters<typeof normalise>[1]): number | undefined {
    if (!node?.text) return undefined;
    const result = normalise(node.text, type);
    return result.ok ? result.value : undefined;
}

/** The range of one link `path[i] -> path[i+1]` of a connection chain. */
function spanOf(connection: ast.Connection, i: number) {
    const start = connection.path[i].$refNode?.range.start;
    const end = connection.path[i + 1].$refNode?.range.end;
    return start && end ? { start, end } : locationOf(connection).range;
}

