/**
 * A block's properties read by name, with the types of the property table: a word comes back
 * as one of that property's words, a number normalised and within the table's bounds, or
 * undefined when absent or invalid (validation reports why). The first of two same-named
 * properties wins, as validation reports the second.
 */
import * as ast from '../generated/ast.js';
import { normalise } from './units.js';
import { PROPERTIES, isWordOf, valueTypeOf, type PropertyContext, type PropertyName, type WordOf } from './properties.js';
import { locationOf } from './source.js';
import type { SourceLocation } from './types.js';

/** The properties of one component, connection, workload or scenario block. */
export class PropertyReader {
    private readonly byName = new Map<string, ast.Property>();

    constructor(readonly all: readonly ast.Property[], private readonly context: PropertyContext) {
        for (const p of all) if (!this.byName.has(p.name)) this.byName.set(p.name, p);
    }

    /** The first property named `name`, when it has the shape `guard` accepts. */
    node<T extends ast.Property>(name: PropertyName, guard: (p: ast.Property) => p is T): T | undefined {
        const p = this.byName.get(name);
        return p && guard(p) ? p : undefined;
    }

    /** Whether any property named `name` is written. */
    has(name: PropertyName): boolean {
        return this.byName.has(name);
    }

    /** The word written after `name`, when it is one the table accepts for it. */
    word<N extends PropertyName>(name: N): WordOf<N> | undefined {
        const value = this.node(name, ast.isSimpleProperty)?.value?.text;
        return value !== undefined && isWordOf(name, value) ? value : undefined;
    }

    /** Whether `name on` is written. */
    on(name: PropertyName): boolean {
        const value = this.node(name, ast.isSimpleProperty)?.value?.text;
        return value === 'on';
    }

    /** The normalised number of `name`, undefined when absent, invalid or outside the table's bounds. */
    number(name: PropertyName): number | undefined {
        const node = this.node(name, ast.isSimpleProperty);
        if (!node) return undefined;
        const type = valueTypeOf(name, this.context, node.value?.unit);
        const value = type ? quantity(node.value, type) : undefined;
        const { min = -Infinity, max = Infinity, exclusiveMin = false } = PROPERTIES[name];
        return value !== undefined && (exclusiveMin ? value > min : value >= min) && value <= max ? value : undefined;
    }

    /** The names a reference list (`joins [a, b]`) resolves to, leaving out those that do not resolve. */
    references(name: PropertyName): string[] {
        return this.node(name, ast.isReferenceListProperty)?.targets.flatMap((t) => (t.ref ? [t.ref.name] : [])) ?? [];
    }

    /** The name a single reference (`consumes q`) resolves to. */
    reference(name: PropertyName): string | undefined {
        return this.node(name, ast.isReferenceProperty)?.target?.ref?.name;
    }

    /** Where each property is written, by name (the first of a name). */
    locations(): Record<string, SourceLocation> {
        const locations: Record<string, SourceLocation> = {};
        for (const [name, p] of this.byName) locations[name] = locationOf(p);
        return locations;
    }
}

/** The normalised value of a number as written, or undefined when absent or invalid. */
export function quantity(node: ast.Quantity | undefined, type: Parameters<typeof normalise>[1]): number | undefined {
    if (!node?.text) return undefined;
    const result = normalise(node.text, type);
    return result.ok ? result.value : undefined;
}
