/**
 * Language errors beyond syntax: duplicate names, import problems, and every property checked
 * against the one property table (unknown-property, bad-unit, invalid-value).
 */
import { AstUtils, CstUtils, UriUtils, isLeafCstNode, type AstNode, type Reference, type LangiumDocuments, type ValidationAcceptor, type ValidationChecks } from 'langium';
import * as ast from '../generated/ast.js';
import { normalise, type ValueType } from '../model/units.js';
import { quantity } from '../model/property-reader.js';
import { COMPONENT_KINDS, OPTION_TYPES, PROPERTIES, PROTOCOLS, allowedIn, isWordOf, valueTypeOf, type PropertyContext } from '../model/properties.js';
import { DEFAULTS } from '../model/defaults.js';
import { linkOf, readCallItem } from '../model/annotations.js';
import { propertyNode } from '../model/source.js';
import { didYouMean, modelledKind } from '../model/suggest.js';
import { findImportCycle, type ArchImports } from '../workspace/imports.js';
import { printable } from '../printable.js';
import { isNameToken, isPropertyNameToken } from '../parser/arch-token-builder.js';
import { namedElements } from '../lsp/arch-scope-provider.js';

type Code = 'syntax' | 'duplicate-name' | 'unknown-reference' | 'import-cycle' | 'bad-unit' | 'invalid-value' | 'unknown-property';

const UNIT_WORDS = new Set(['rps', 'items']);
/** Properties that only a single leader has. */
const SINGLE_LEADER = ['failover', 'reads', 'replication_lag'];
/** Latency percentiles from low to high. */
const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'p999'];
/** What each kind of annotation item is called in messages. */
const ITEM_KINDS = { count: 'call count', share: 'share', access: 'read or write' } as const;

const error = <N extends AstNode>(accept: ValidationAcceptor, code: Code, message: string, node: N, property?: string) =>
    accept('error', message, { node, property: property as never, code });

/** The validation checks of the language, by AST type. */
export class ArchValidator {
    constructor(private readonly documents: () => LangiumDocuments, private readonly imports: () => ArchImports) {}

    /** Registers the checks with Langium's registry. */
    checks(): ValidationChecks<ast.ArchAstType> {
        return {
            Document: (node, accept) => this.checkDocument(node, accept),
            System: (node, accept) => {
                this.checkName(node, 'system', accept);
                this.checkSystem(node, accept);
            },
            // Duplicates inside a zone are found by the system's (or file's) check over every element.
            Zone: (node, accept) => this.checkName(node, 'zone', accept),
            Component: (node, accept) => this.checkComponent(node, accept),
            Workload: (node, accept) => this.checkProperties(node.properties, 'workload', accept),
            Scenario: (node, accept) => {
                this.checkName(node, 'scenario', accept);
                this.checkProperties(node.properties, 'scenario', accept);
            },
            Connection: (node, accept) => this.checkConnection(node, accept),
            Flow: (node, accept) => {
                this.checkName(node, 'flow', accept);
                if (!node.colon && node.path) error(accept, 'syntax', `A ':' is missing before the steps of flow '${node.name}'.`, node.path, 'target');
                this.checkQuantity(node.share, 'ratio', accept, 'share', 0, 1);
                this.checkObjectives(node, accept);
                if (node.path?.annotation) this.misplacedAnnotation(node.path.annotation, node.path.target?.$refText, accept);
            },
            CallAnnotation: (node, accept) => this.checkAnnotation(node, accept),
        };
    }

    private checkComponent(node: ast.Component, accept: ValidationAcceptor): void {
        const kinds = Object.keys(COMPONENT_KINDS);
        if (!node.kind) {
            error(accept, 'syntax', `'${node.name}' has no kind: write one of ${kinds.join(', ')} before it.`, node, 'name');
        } else if (!(node.kind in COMPONENT_KINDS)) {
            error(accept, 'syntax', `'${node.kind}' is not a component kind (${kinds.join(', ')}).${didYouMean(node.kind, [...kinds, 'zone', 'system'])}`, node, 'kind');
        }
        this.checkName(node, 'component', accept);
        // Under a wrong or missing kind (one error above) the properties are not judged against a guess.
        const kindKnown = !!node.kind && node.kind in COMPONENT_KINDS;
        this.checkProperties(node.properties, modelledKind(node), accept, kindKnown);
        if (kindKnown) this.checkLeader(node, accept);
    }

    /** `failover`, `reads` and `replication_lag` belong to a single leader. */
    private checkLeader(node: ast.Component, accept: ValidationAcceptor): void {
        if (!allowedIn('leader', modelledKind(node))) return;
        const written = writtenLeader(node);
        const mode = leaderModeOf(node);
        // A wrong word is already an error: what it meant is not guessed.
        if (mode === undefined || mode === 'single') return;
        const why = written ? `'${node.name}' has leader ${mode}` : `a ${node.kind} has no leader unless it says 'leader single'`;
        for (const property of node.properties) {
            if (SINGLE_LEADER.includes(property.name)) error(accept, 'invalid-value', `'${property.name}' applies to a single leader; ${why}.`, property, 'name');
        }
    }

    /** A keyword in a name's place parses (so the rest of the file does), and is one error here. */
    private checkName(node: ast.System | ast.Zone | ast.Component | ast.Flow | ast.Scenario, what: string, accept: ValidationAcceptor): void {
        const name = propertyNode(node.$cstNode, 'name');
        const leaf = name && (isLeafCstNode(name) ? name : CstUtils.streamCst(name).find(isLeafCstNode));
        // Any other token in a name's place is a keyword.
        if (!leaf || isNameToken(leaf.tokenType)) return;
        // Nothing refers to a flow or a scenario by name: a property's name (`flow reads`, `scenario failover`) is no clash; a flow's own `read` or `write` is.
        if ((what === 'flow' || what === 'scenario') && isPropertyNameToken(leaf.tokenType) && leaf.text !== 'read' && leaf.text !== 'write') return;
        error(accept, 'syntax', `'${node.name}' is a keyword of the language: give the ${what} another name.`, node, 'name');
    }

    private checkDocument(doc: ast.Document, accept: ValidationAcceptor): void {
        this.checkUnique(doc.systems, accept, 'system');
        this.checkUnique([...namedElements(doc.elements)], accept, '');
        const uri = AstUtils.getDocument(doc).uri;
        const documents = this.documents();
        for (const imp of doc.imports) {
            if (!imp.path) continue;
            const { uri: target, problem } = this.imports().target(uri, imp.path);
            if (problem !== undefined) {
                error(accept, 'unknown-reference', `Cannot import '${printable(imp.path)}': ${problem}.`, imp, 'path');
                continue;
            }
            if (!documents.hasDocument(target)) {
                error(accept, 'unknown-reference', `Cannot find '${printable(imp.path)}' (looked for ${printable(UriUtils.relative(UriUtils.dirname(uri), target))}).`, imp, 'path');
                continue;
            }
            const cycle = findImportCycle(imp, uri, documents);
            if (cycle) {
                const names = cycle.map((u) => UriUtils.basename(u)).join(' -> ');
                error(accept, 'import-cycle', `Import cycle: ${names}.`, imp, 'path');
            }
        }
    }

    private checkSystem(system: ast.System, accept: ValidationAcceptor): void {
        this.checkUnique([...namedElements(system.members)], accept, '');
        this.checkUnique(system.members.filter(ast.isFlow), accept, 'flow');
        this.checkUnique(system.members.filter(ast.isScenario), accept, 'scenario');
        system.members.filter(ast.isWorkload).slice(1).forEach((w) =>
            error(accept, 'duplicate-name', `System '${system.name}' has more than one workload.`, w));
        const flows = system.members.filter(ast.isFlow);
        const total = flows.reduce((sum, f) => sum + (quantity(f.share, 'ratio') ?? 0), 0);
        if (total > 1 + 1e-9) {
            const first = flows.find((f) => f.share);
            if (first) error(accept, 'invalid-value', `Flow shares of '${system.name}' add up to ${round(total * 100)}%, more than 100%.`, first, 'share');
        }
    }

    private checkUnique(nodes: Array<{ name: string } & AstNode>, accept: ValidationAcceptor, what: string): void {
        const seen = new Map<string, AstNode>();
        for (const node of nodes) {
            if (!node.name) continue;
            if (seen.has(node.name)) {
                const kind = what || (ast.isZone(node) ? 'zone' : (node as ast.Component).kind);
                error(accept, 'duplicate-name', `Duplicate name '${node.name}': another ${what || 'component or zone'} already has it (this one is a ${kind}).`, node, 'name');
            } else seen.set(node.name, node);
        }
    }

    private checkConnection(connection: ast.Connection, accept: ValidationAcceptor): void {
        this.checkProperties(connection.properties, 'connection', accept);
        for (const annotation of connection.annotations) {
            if (linkOf(connection, annotation) < 0) this.misplacedAnnotation(annotation, connection.path[0]?.$refText, accept);
        }
        const protocol = connection.protocol;
        if (!protocol) return;
        if (protocol.name && !(protocol.name in PROTOCOLS)) {
            error(accept, 'invalid-value', `Unknown protocol '${protocol.name}': use one of ${Object.keys(PROTOCOLS).join(', ')}.`, protocol, 'name');
        }
        for (const option of protocol.options) {
            const fits = (option.name === 'timeout' && protocol.name === 'long_polling') || (option.name === 'every' && protocol.name === 'polling');
            if (!fits) error(accept, 'unknown-property', `'${option.name}' does not apply to protocol '${protocol.name}'.`, option, 'name');
            this.checkQuantity(option.value, 'duration', accept, option.name, 0);
        }
    }

    private checkProperties(properties: ast.Property[], context: PropertyContext, accept: ValidationAcceptor, contextKnown = true): void {
        const seen = new Set<string>();
        for (const property of properties) {
            const name = property.name;
            if (!name) continue;
            if (!contextKnown && PROPERTIES[name] && !allowedIn(name, context)) continue;
            if (ast.isUnknownProperty(property)) {
                const known = Object.keys(PROPERTIES).filter((p) => allowedIn(p, context));
                error(accept, 'unknown-property', `'${name}' is not a property of a ${context}.${didYouMean(name, known)}`, property, 'name');
                continue;
            }
            if (!PROPERTIES[name] || !allowedIn(name, context)) {
                error(accept, 'unknown-property', `'${name}' is not a property of a ${context}.`, property, 'name');
                continue;
            }
            if (seen.has(name) && name !== 'fail' && name !== 'spike') error(accept, 'invalid-value', `'${name}' is given more than once.`, property, 'name');
            seen.add(name);
            this.checkProperty(property, context, accept);
        }
    }

    private checkProperty(property: ast.Property, context: PropertyContext, accept: ValidationAcceptor): void {
        const spec = PROPERTIES[property.name];
        if (ast.isSimpleProperty(property)) {
            this.checkSimple(property, context, accept);
        } else if (ast.isReferenceProperty(property)) {
            if (property.target) this.checkTargetKind(property.target, spec.references, accept, property, 'target');
        } else if (ast.isReferenceListProperty(property)) {
            property.targets.forEach((t, i) => this.checkTargetKind(t, spec.references, accept, property, 'targets', i));
        } else if (ast.isNumberListProperty(property)) {
            for (const value of property.values) this.checkQuantity(value, 'number', accept, property.name, 0);
        } else if (ast.isReplicasProperty(property)) {
            const replicas = this.checkQuantity(property.value, 'integer', accept, 'replicas', spec.min, spec.max);
            if (property.syncFollowers) this.checkSyncFollowers(property.syncFollowers, replicas, accept);
        } else if (ast.isLatencyProperty(property)) {
            this.checkLatency(property, accept);
        } else if (ast.isKeysProperty(property)) {
            this.checkQuantity(property.value, 'count', accept, 'keys', 1);
            this.checkQuantity(property.skew, 'number', accept, 'zipf', 0, 10);
        } else if (ast.isHealthCheckProperty(property)) {
            this.checkOptions(property.options, accept);
        } else if (ast.isPartitionProperty(property)) {
            this.checkPartition(property, accept);
        } else if (ast.isFailProperty(property) || ast.isSpikeProperty(property)) {
            if (ast.isSpikeProperty(property)) this.checkQuantity(property.value, 'factor', accept, 'spike', spec.min);
            if (ast.isFailProperty(property) && property.leader) this.checkFailLeader(property, accept);
            this.checkQuantity(property.at, 'duration', accept, 'at', 0);
            this.checkQuantity(property.for, 'duration', accept, 'for', 0);
        }
    }

    /** `name value`: the table says whether the value is a number of some type or one of some words. */
    private checkSimple(property: ast.SimpleProperty, context: PropertyContext, accept: ValidationAcceptor): void {
        const spec = PROPERTIES[property.name];
        const value = property.value;
        if (!value?.text) {
            const expected = spec.words ? `one of ${Object.keys(spec.words).join(', ')}` : 'a value';
            error(accept, 'invalid-value', `'${property.name}' needs ${expected}.`, property, 'name');
            return;
        }
        if (spec.words) {
            if (!Object.hasOwn(spec.words, value.text) || value.unit) {
                error(accept, 'invalid-value', `'${value.text}' is not a value of '${property.name}': use one of ${Object.keys(spec.words).join(', ')}.`, value, 'text');
            }
            return;
        }
        const type = valueTypeOf(property.name, context, value.unit);
        if (type) this.checkQuantity(value, type, accept, property.name, spec.min, spec.max, type !== 'items' && spec.exclusiveMin);
        if (value.unit === 'items' && type !== 'items') {
            error(accept, 'bad-unit', `'items' does not measure '${property.name}' of a ${context}.`, value, 'unit');
        }
    }

    /** `fail X leader`: X has a single leader. */
    private checkFailLeader(property: ast.FailProperty, accept: ValidationAcceptor): void {
        const target = property.target?.ref;
        if (!target) return;
        const mode = ast.isComponent(target) && allowedIn('leader', modelledKind(target)) ? leaderModeOf(target) : undefined;
        if (mode === 'single') return;
        const what = ast.isZone(target) ? `'${target.name}' is a zone` : mode === undefined ? `a ${target.kind} has no leader` : `'${target.name}' has leader ${mode}`;
        error(accept, 'invalid-value', `'fail ${target.name} leader' needs a single leader; ${what}.`, property, 'leader');
    }

    /** `sync K`: K of the replicas − 1 followers acknowledge each write. */
    private checkSyncFollowers(k: ast.Quantity, replicas: number | undefined, accept: ValidationAcceptor): void {
        const followers = this.checkQuantity(k, 'integer', accept, 'sync', 1);
        if (followers === undefined || replicas === undefined || followers < replicas) return;
        const why = replicas > 1
            ? `replicas ${replicas} are the leader and ${replicas - 1} follower${replicas > 2 ? 's' : ''}, so K is at most ${replicas - 1}`
            : 'replicas 1 is the leader alone, with no follower to acknowledge writes';
        error(accept, 'invalid-value', `sync ${k.text}: ${why}.`, k, 'text');
    }

    /** The items of `[x10 5% read]`: each valid, each kind once. */
    private checkAnnotation(annotation: ast.CallAnnotation, accept: ValidationAcceptor): void {
        if (!annotation.items.length) {
            error(accept, 'invalid-value', 'An empty annotation: write xN (calls per request), P% (share of requests), read or write between the brackets.', annotation);
        }
        const seen = new Map<string, string>();
        for (const [i, item] of annotation.items.entries()) {
            const meaning = readCallItem(item.text);
            const spaced = spacedCount(annotation.items, i);
            if (spaced !== undefined) {
                error(accept, 'invalid-value', `'${spaced}': write the count as one word, x${spaced.replace(/\s*x\s*/, '')}.`, item, 'text');
                seen.set('count', spaced);
                continue;
            }
            if (spacedCount(annotation.items, i - 1) !== undefined) continue;
            if (meaning.kind === 'invalid') {
                error(accept, 'invalid-value', meaning.message, item, 'text');
                continue;
            }
            const earlier = seen.get(meaning.kind);
            if (earlier === undefined) seen.set(meaning.kind, item.text);
            else error(accept, 'invalid-value', `'${item.text}' is a second ${ITEM_KINDS[meaning.kind]} in this annotation (after '${earlier}').`, item, 'text');
        }
    }

    /** An annotation after a name that makes no call: the first of a connection or a flow. */
    private misplacedAnnotation(annotation: ast.CallAnnotation, name: string | undefined, accept: ValidationAcceptor): void {
        error(accept, 'syntax', `An annotation goes after the target of a call (a -> b [x10]); '${name ?? 'the first name'}' makes no call here.`, annotation);
    }

    /** `p99 300ms availability 99.9%` in a flow's header. */
    private checkObjectives(flow: ast.Flow, accept: ValidationAcceptor): void {
        const latencies: Array<{ objective: ast.FlowObjective; seconds: number }> = [];
        const seen = new Set<string>();
        for (const objective of flow.objectives) {
            if (seen.has(objective.name)) error(accept, 'invalid-value', `'${objective.name}' is given more than once.`, objective, 'name');
            seen.add(objective.name);
            if (objective.name === 'availability') {
                this.checkQuantity(objective.value, 'ratio', accept, 'availability', 0, 1, true);
                continue;
            }
            const seconds = this.checkQuantity(objective.value, 'duration', accept, objective.name, 0, undefined, true);
            if (seconds !== undefined) latencies.push({ objective, seconds });
        }
        const rank = (o: ast.FlowObjective) => PERCENTILES.indexOf(o.name);
        for (const higher of latencies) {
            const lower = latencies.find((l) => rank(l.objective) < rank(higher.objective) && l.seconds > higher.seconds);
            if (lower) {
                error(accept, 'invalid-value', `${higher.objective.name} ${higher.objective.value.text} is below ${lower.objective.name} ${lower.objective.value.text}: a higher percentile cannot be faster.`, higher.objective, 'name');
            }
        }
    }

    private checkLatency(property: ast.LatencyProperty, accept: ValidationAcceptor): void {
        if (property.value) {
            this.checkQuantity(property.value, 'duration', accept, 'latency', 0);
            return;
        }
        const values = new Map<string, number | undefined>();
        for (const p of property.percentiles) {
            if (values.has(p.name)) error(accept, 'invalid-value', `'${p.name}' is given more than once.`, p, 'name');
            values.set(p.name, this.checkQuantity(p.value, 'duration', accept, p.name, 0));
        }
        const p50 = values.get('p50');
        if (!values.has('p50') || values.size < 2) {
            error(accept, 'invalid-value', 'A latency distribution needs p50 and one higher percentile (latency p50 3ms p99 20ms).', property, 'name');
        } else if (p50 !== undefined && [...values].some(([name, v]) => name !== 'p50' && v !== undefined && v < p50)) {
            error(accept, 'invalid-value', 'Higher percentiles must not be below p50.', property, 'name');
        }
    }

    private checkPartition(property: ast.PartitionProperty, accept: ValidationAcceptor): void {
        this.checkOptions(property.options, accept);
        const has = (name: string) => property.options.some((o) => o.name === name);
        if (!has('shards')) error(accept, 'invalid-value', 'A partition needs a shard count (shards N).', property, 'name');
        if (has('vnodes') && !has('consistent')) error(accept, 'invalid-value', "'vnodes' needs 'consistent' hashing.", property, 'name');
        const schemes = property.schemes.map((s) => s.scheme);
        if (schemes.includes('directory') && !has('via')) error(accept, 'invalid-value', "Directory partitioning needs its lookup component: 'via NAME'.", property, 'name');
        if (has('consistent') && !schemes.includes('hash')) error(accept, 'invalid-value', "'consistent' applies to hash partitioning.", property, 'name');
        const via = property.options.find((o) => o.name === 'via');
        if (via?.target) this.checkTargetKind(via.target, undefined, accept, via, 'target');
    }

    private checkOptions(options: Array<ast.HealthCheckOption | ast.PartitionOption>, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const option of options) {
            if (seen.has(option.name)) error(accept, 'invalid-value', `'${option.name}' is given more than once.`, option, 'name');
            seen.add(option.name);
            const type = OPTION_TYPES[option.name];
            if (type && 'value' in option && option.value) this.checkQuantity(option.value, type, accept, option.name, type === 'integer' ? 1 : 0);
        }
    }

    private checkTargetKind(
        ref: Reference<ast.Named>, expected: string | undefined, accept: ValidationAcceptor,
        node: AstNode, property: string, index?: number,
    ): void {
        const target = ref?.ref;
        if (!target) return;
        const actual = ast.isZone(target) ? 'zone' : modelledKind(target);
        const ok = expected ? actual === expected : actual !== 'zone';
        if (!ok) {
            accept('error', `'${target.name}' is a ${actual}; ${expected ? `expected a ${expected}` : 'expected a component'}.`, {
                node, property: property as never, index, code: 'invalid-value',
            });
        }
    }

    /** Checks one number against its type and bounds; returns its normalised value when valid. */
    private checkQuantity(
        quantity: ast.Quantity | undefined, type: ValueType, accept: ValidationAcceptor, name: string, min?: number, max?: number, exclusiveMin = false,
    ): number | undefined {
        if (!quantity?.text) return undefined;
        if (quantity.unit && !UNIT_WORDS.has(quantity.unit)) {
            const glued = normalise(`${quantity.text}${quantity.unit}`, type);
            const why = glued.ok ? `write '${quantity.text}${quantity.unit}', without a space` : glued.message;
            error(accept, 'bad-unit', `${name} ${quantity.text} ${quantity.unit}: ${why}.`, quantity, 'unit');
            return undefined;
        }
        const result = normalise(quantity.text, type);
        if (!result.ok) {
            error(accept, /^[0-9]/.test(quantity.text) ? 'bad-unit' : 'invalid-value', `${name} ${quantity.text}: ${result.message}.`, quantity, 'text');
            return undefined;
        }
        if ((min !== undefined && (result.value < min || (exclusiveMin && result.value === min))) || (max !== undefined && result.value > max)) {
            const lower = exclusiveMin ? `above ${min}` : `at least ${min}`;
            const range = max === undefined ? lower : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
            error(accept, 'invalid-value', `${name} must be ${range}; got ${quantity.text}.`, quantity, 'text');
            return undefined;
        }
        return result.value;
    }
}

/** The `leader` written on a component, as written. */
function writtenLeader(node: ast.Component): string | undefined {
    return node.properties.find((p): p is ast.SimpleProperty => ast.isSimpleProperty(p) && p.name === 'leader')?.value?.text;
}

/** A component's leader mode, written or its kind's default; undefined when the written word is none of the modes. */
function leaderModeOf(node: ast.Component): string | undefined {
    const written = writtenLeader(node);
    if (written !== undefined) return isWordOf('leader', written) ? written : undefined;
    return node.kind === 'database' ? DEFAULTS.leader.database : DEFAULTS.leader.other;
}

/** `x 2` or `2 x` at items i and i + 1 of an annotation, as written; undefined when not so. */
function spacedCount(items: readonly ast.CallItem[], i: number): string | undefined {
    const [a, b] = [items[i]?.text, items[i + 1]?.text];
    if (a === undefined || b === undefined) return undefined;
    const whole = /^[0-9]+$/;
    return (a === 'x' && whole.test(b)) || (whole.test(a) && b === 'x') ? `${a} ${b}` : undefined;
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
