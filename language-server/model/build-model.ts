/**
 * AST to ArchModel: one model per system, units normalised, defaults applied, flows expanded
 * into hops and the connections they imply added. Total: it never throws on a broken AST;
 * validation reports what it skips.
 */
import { AstUtils, type Reference } from 'langium';
import * as ast from '../generated/ast.js';
import { locationOf } from './source.js';
import { DEFAULTS } from './defaults.js';
import { PropertyReader, quantity } from './property-reader.js';
import { buildComponent, readKeys } from './build-component.js';
import { consumedQueues } from './kinds.js';
import { callOf, linkOf, readAnnotation, type WrittenCall } from './annotations.js';
import type {
    ArchComponent, ArchEdge, ArchFlow, ArchModel, ArchScenario, ArchZone, CallAnnotation, ComponentKind, FlowHop, FlowObjectives, FlowStep,
    Percentile, Range, ScenarioFailure, ScenarioSpike, Workload,
} from './types.js';

/** A zone while the model is built: its lists still growing. */
interface ZoneDraft extends ArchZone {
    readonly zones: string[];
    readonly components: string[];
}

/** A declared call's annotation: as written (for flow steps to override kind by kind) and as the model has it. */
interface DeclaredCall {
    readonly written: WrittenCall;
    readonly call: CallAnnotation;
}

/** A flow step before its calls are annotated: its component resolved, its annotation as written. */
interface StepDraft {
    readonly component: string;
    readonly calls: readonly StepDraft[];
    readonly annotation?: ast.CallAnnotation;
    readonly source: FlowStep['source'];
}

/** No annotation: one call, made by every request. */
const PLAIN_CALL = callOf([]);

/** Builds one ArchModel for each system of a parsed document. */
export function buildModels(document: ast.Document): ArchModel[] {
    return document.systems.map(buildModel);
}

/** Builds the ArchModel of one system. */
export function buildModel(system: ast.System): ArchModel {
    const uri = AstUtils.getDocument(system).uri.toString();
    const components = new Map<string, ArchComponent>();
    const zones = new Map<string, ZoneDraft>();
    const rootZones: string[] = [];
    const connections: ast.Connection[] = [];
    const declared = new Map<string, ast.Component>();

    const visit = (elements: readonly ast.Element[], zonePath: readonly string[]): void => {
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
                // A zone without a name is a syntax error: its components are drawn and checked where it stands.
                if (!element.name) {
                    visit(element.elements, zonePath);
                    continue;
                }
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
    visit(system.$container.elements, []);
    visit(system.members.filter(ast.isElement), []);

    const workload = buildWorkload(system.members.find(ast.isWorkload), [...components.values()]);
    const resolve = resolver(uri, components);
    const edges = new Map<string, ArchEdge>();
    const declaredCalls = new Map<string, DeclaredCall>();
    const kindOf = (name: string): ComponentKind | undefined => components.get(name)?.kind;
    const edgeKind = (from: string, to: string, protocol?: string): ArchEdge['kind'] =>
        kindOf(from) === 'queue' ? 'consume' : protocol === 'async' || kindOf(to) === 'queue' ? 'async' : 'call';

    for (const connection of connections) {
        const names = connection.path.map(resolve);
        for (let i = 0; i + 1 < names.length; i++) {
            const from = names[i], to = names[i + 1];
            if (!from || !to || !components.has(from) || !components.has(to)) continue;
            const id = `${from}->${to}`;
            if (edges.has(id)) continue;
            const declared = declaredCall(connection, i);
            declaredCalls.set(id, declared);
            edges.set(id, connectionEdge(connection, i, id, from, to, edgeKind(from, to, connection.protocol?.name), declared.call, uri));
        }
    }

    const flows = buildFlows(system.members.filter(ast.isFlow), workload, resolve, {
        hopKind: (from, to) => edges.get(`${from}->${to}`)?.kind ?? edgeKind(from, to),
        declaredCall: (from, to) => declaredCalls.get(`${from}->${to}`),
    });
    for (const flow of flows) {
        for (const hop of flow.hops) {
            const id = `${hop.from}->${hop.to}`;
            if (!edges.has(id)) edges.set(id, { id, from: hop.from, to: hop.to, kind: hop.kind, call: PLAIN_CALL, implied: true, source: flow.source });
        }
    }
    for (const component of components.values()) {
        for (const queue of consumedQueues(component)) {
            const id = `${queue}->${component.name}`;
            if (components.has(queue) && !edges.has(id)) {
                edges.set(id, {
                    id, from: queue, to: component.name, kind: 'consume', call: PLAIN_CALL, implied: true,
                    source: component.properties.consumes ?? component.source,
                });
            }
        }
    }

    return {
        // A system without a name is a syntax error; its model is still linted and drawn.
        name: system.name ?? '', title: system.title, uri, workload, components, zones, rootZones,
        edges: [...edges.values()], flows, scenarios: system.members.filter(ast.isScenario).map(buildScenario), source: locationOf(system, 'name'),
    };
}

/** The model of one component on its own (zones as nested, not imported). */
export function buildComponentModel(node: ast.Component): ArchComponent {
    const zonePath: string[] = [];
    for (let c: ast.Component['$container'] | ast.Document | ast.System = node.$container; ast.isZone(c); c = c.$container) if (c.name) zonePath.unshift(c.name);
    return buildComponent(node, zonePath, false);
}

/**
 * Resolves a reference to a component's name, adding the components other documents declare
 * as they are reached (an imported queue with the imported consumers that drain it).
 */
function resolver(uri: string, components: Map<string, ArchComponent>): (ref: Reference<ast.Named> | undefined) => string | undefined {
    const include = (target: ast.Component): void => {
        if (components.has(target.name)) return;
        const imported = AstUtils.getDocument(target).uri.toString() !== uri;
        components.set(target.name, buildComponent(target, [], imported));
        if (imported && target.kind === 'queue') {
            for (const other of AstUtils.streamAllContents(AstUtils.findRootNode(target)).filter(ast.isComponent)) {
                if (other.properties.some((p) => ast.isReferenceProperty(p) && p.name === 'consumes' && p.target?.ref === target)) include(other);
            }
        }
    };
    return (ref) => {
        const target = ref?.ref;
        if (!target) return undefined;
        if (ast.isComponent(target)) include(target);
        return target.name;
    };
}

/** The annotation of link `i` of a declared connection (the first written after its target). */
function declaredCall(connection: ast.Connection, i: number): DeclaredCall {
    const node = connection.annotations.find((a) => linkOf(connection, a) === i);
    const written = readAnnotation(node);
    return { written, call: node ? callOf([written], locationOf(node)) : PLAIN_CALL };
}

/** The edge of link `i` (`path[i] -> path[i+1]`) of a declared connection. */
function connectionEdge(
    connection: ast.Connection, i: number, id: string, from: string, to: string, kind: ArchEdge['kind'], call: CallAnnotation, uri: string,
): ArchEdge {
    const props = new PropertyReader(connection.properties, 'connection');
    const protocol = connection.protocol?.name;
    const option = (name: ast.ProtocolOption['name']) => connection.protocol?.options.find((o) => o.name === name)?.value;
    return {
        id, from, to, kind, protocol,
        timeoutS: props.number('timeout') ?? quantity(option('timeout'), 'duration'),
        retries: props.number('retries'),
        backoffS: props.number('backoff'),
        pollIntervalS: protocol === 'polling' ? quantity(option('every'), 'duration') : undefined,
        call,
        implied: false,
        source: { uri, range: spanOf(connection, i) },
    };
}

function buildWorkload(node: ast.Workload | undefined, components: readonly ArchComponent[]): Workload {
    const props = new PropertyReader(node?.properties ?? [], 'workload');
    const { keys, zipf } = readKeys(props.node('keys', ast.isKeysProperty));
    const clientRps = components.reduce((sum, c) => sum + (c.kind === 'client' ? c.rps ?? 0 : 0), 0);
    return {
        rps: props.number('rps') ?? clientRps,
        peak: props.number('peak') ?? DEFAULTS.workload.peak,
        keys,
        zipf,
        readRatio: props.number('read_ratio') ?? DEFAULTS.workload.readRatio,
        payloadBytes: props.number('payload'),
    };
}

/** What flows need to know of the connections: each hop's kind and the annotation a declared connection lends. */
interface FlowContext {
    readonly hopKind: (from: string, to: string) => ArchEdge['kind'];
    readonly declaredCall: (from: string, to: string) => DeclaredCall | undefined;
}

function buildFlows(
    nodes: readonly ast.Flow[], workload: Workload, resolve: (ref: Reference<ast.Named>) => string | undefined, context: FlowContext,
): ArchFlow[] {
    const written = nodes.map((n) => quantity(n.share, 'ratio'));
    const unshared = written.filter((s) => s === undefined).length;
    const left = Math.max(0, 1 - written.reduce<number>((sum, s) => sum + (s ?? 0), 0));
    const flows: ArchFlow[] = [];
    nodes.forEach((node, i) => {
        const roots = node.path ? draftSteps(node.path, resolve, new Set()) : [];
        if (roots.length !== 1) return;
        const root = annotateStep(roots[0], undefined, node.access, PLAIN_CALL, context);
        const hops: FlowHop[] = [];
        const walk = (step: FlowStep) => {
            for (const call of step.calls) {
                hops.push({ from: step.component, to: call.component, kind: context.hopKind(step.component, call.component), call: call.call, access: call.access });
                walk(call);
            }
        };
        walk(root);
        const share = written[i] ?? left / unshared;
        flows.push({
            name: node.name, share, rps: share * workload.rps, access: node.access, objectives: buildObjectives(node), root, hops,
            source: locationOf(node, 'name'),
        });
    });
    return flows;
}

/**
 * The step of `chain`; a step that does not resolve (an error) is left out, its calls made by
 * the step before it. Calls resolve before their caller, as imported components join the model in that order.
 */
function draftSteps(chain: ast.FlowChain, resolve: (ref: Reference<ast.Named>) => string | undefined, seen: Set<ast.FlowChain>): StepDraft[] {
    if (seen.has(chain)) return [];
    seen.add(chain);
    const next = chain.next ? [chain.next] : chain.fork?.branches ?? [];
    const calls = next.flatMap((c) => draftSteps(c, resolve, seen));
    const component = resolve(chain.target);
    return component ? [{ component, calls, annotation: chain.annotation, source: locationOf(chain, 'target') }] : calls;
}

/** `draft` called by `caller` (none for the first step): its call, the step's annotation over the declared connection's, and its access. */
function annotateStep(draft: StepDraft, caller: string | undefined, callerAccess: FlowStep['access'], call: CallAnnotation, context: FlowContext): FlowStep {
    const access = call.access ?? callerAccess;
    const calls = draft.calls.map((callee) => {
        const declared = context.declaredCall(draft.component, callee.component);
        const own = readAnnotation(callee.annotation);
        const source = callee.annotation ? locationOf(callee.annotation) : declared?.call.source;
        return annotateStep(callee, draft.component, access, callOf([own, declared?.written ?? {}], source), context);
    });
    return { component: draft.component, calls, call: caller === undefined ? PLAIN_CALL : call, access, source: draft.source };
}

/** The objectives in a flow's header; the first of each, and only valid ones (validation reports the rest). */
function buildObjectives(node: ast.Flow): FlowObjectives {
    const latencyS: Partial<Record<Percentile, number>> = {};
    let availability: number | undefined;
    for (const objective of node.objectives) {
        if (objective.name === 'availability') {
            const share = quantity(objective.value, 'ratio');
            if (availability === undefined && share !== undefined && share > 0 && share <= 1) availability = share;
        } else {
            const seconds = quantity(objective.value, 'duration');
            if (latencyS[objective.name] === undefined && seconds !== undefined && seconds > 0) latencyS[objective.name] = seconds;
        }
    }
    return { latencyS, availability };
}

function buildScenario(node: ast.Scenario): ArchScenario {
    const props = new PropertyReader(node.properties, 'scenario');
    return {
        name: node.name, title: node.title,
        durationS: props.number('duration'),
        load: props.number('load'),
        seed: props.number('seed'),
        spikes: node.properties.filter(ast.isSpikeProperty).flatMap(buildSpike),
        failures: node.properties.filter(ast.isFailProperty).flatMap(buildFailure),
        source: locationOf(node, 'name'),
    };
}

function buildSpike(node: ast.SpikeProperty): ScenarioSpike[] {
    const factor = quantity(node.value, 'factor');
    if (factor === undefined || !(factor >= 0)) return [];
    return [{ factor, ...window(node), source: locationOf(node) }];
}

function buildFailure(node: ast.FailProperty): ScenarioFailure[] {
    const target = node.target?.ref;
    if (!target) return [];
    return [{
        target: target.name, targetKind: ast.isZone(target) ? 'zone' : 'component', leaderOnly: node.leader, ...window(node), source: locationOf(node),
    }];
}

/** When a failure or spike starts and how long it lasts. */
function window(node: ast.FailProperty | ast.SpikeProperty): { atS: number; forS: number } {
    return {
        atS: quantity(node.at, 'duration') ?? DEFAULTS.scenarioEvent.atS,
        forS: quantity(node.for, 'duration') ?? DEFAULTS.scenarioEvent.forS,
    };
}

/** The range of one link `path[i] -> path[i+1]` of a connection chain. */
function spanOf(connection: ast.Connection, i: number): Range {
    const start = connection.path[i].$refNode?.range.start;
    const end = connection.path[i + 1].$refNode?.range.end;
    return start && end ? { start, end } : locationOf(connection).range;
}
