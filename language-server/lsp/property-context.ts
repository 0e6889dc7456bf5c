/** Where an AST node sits, in the terms of the property table: shared by completion and hover. */
import { AstUtils, type AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { OPTION_TYPES, PROPERTIES, valueTypeOf, type PropertyContext } from '../model/properties.js';
import type { ValueType } from '../model/units.js';
import { modelledKind } from '../model/suggest.js';

/** The property context (component kind, workload, scenario, connection) that holds `node`. */
export function propertyContextOf(node: AstNode | undefined): PropertyContext | undefined {
    for (let current = node; current; current = current.$container) {
        if (ast.isComponent(current)) return modelledKind(current);
        if (ast.isWorkload(current)) return 'workload';
        if (ast.isScenario(current)) return 'scenario';
        if (ast.isConnection(current)) return 'connection';
        if (ast.isSystem(current) || ast.isZone(current)) return undefined;
    }
    return undefined;
}

/** The value type of a number written at `quantity`, from the property around it. */
export function valueTypeAt(quantity: ast.Quantity): ValueType | undefined {
    const owner = quantity.$container;
    const context = propertyContextOf(quantity);
    if (ast.isSimpleProperty(owner)) return context && valueTypeOf(owner.name, context, quantity.unit);
    if (ast.isReplicasProperty(owner)) return 'integer';
    if (ast.isLatencyProperty(owner) || ast.isPercentile(owner) || ast.isFailProperty(owner)) return 'duration';
    if (ast.isSpikeProperty(owner)) return owner.value === quantity ? 'factor' : 'duration';
    if (ast.isKeysProperty(owner)) return owner.value === quantity ? 'count' : 'number';
    if (ast.isHealthCheckOption(owner) || ast.isPartitionOption(owner) || ast.isProtocolOption(owner)) return OPTION_TYPES[owner.name];
    if (ast.isNumberListProperty(owner)) return 'number';
    if (ast.isFlow(owner)) return 'ratio';
    if (ast.isFlowObjective(owner)) return owner.name === 'availability' ? 'ratio' : 'duration';
    return undefined;
}

/** The name of the property whose word is being written at `node`, if any: one that takes words, not a number. */
export function wordPropertyOf(node: AstNode | undefined): string | undefined {
    const property = node && AstUtils.getContainerOfType(node, ast.isSimpleProperty);
    return property && PROPERTIES[property.name]?.words ? property.name : undefined;
}
