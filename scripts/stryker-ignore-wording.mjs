// A StrykerJS ignorer: mutants that can only change wording — inside a finding's message, a
// fix's title or a rule's one-line description, or in a local that only such wording reads —
// are reported as ignored. The tests never compare wording (style.md: they assert rule ids,
// ranges and fixed text), so counting these mutants would measure nothing.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const WORDING = new Set(['message', 'title', 'description']);
/** Helpers whose argument at this index is a fix's title. */
const TITLE_ARGUMENT = new Map([['propertyFix', 3]]);

/** Whether `path` sits in the value of a property or default parameter named for wording, or in a title argument, within its function. */
function inWordingProperty(path) {
    for (let at = path; at; at = at.parentPath) {
        if (at.isObjectProperty() && !at.node.computed && WORDING.has(at.node.key.name ?? at.node.key.value)) return true;
        if (at.isAssignmentPattern() && at.get('left').isIdentifier() && WORDING.has(at.node.left.name)) return true;
        const parent = at.parentPath;
        if (parent?.isCallExpression() && parent.get('callee').isIdentifier()) {
            const index = TITLE_ARGUMENT.get(parent.node.callee.name);
            if (index !== undefined && parent.node.arguments[index] === at.node) return true;
        }
        if (at.isFunction()) return false;
    }
    return false;
}

/** The `const x = ...` whose initial value `path` is part of, within its function. */
function declaratorOf(path) {
    for (let at = path; at; at = at.parentPath) {
        if (at.isVariableDeclarator()) return at;
        if (at.isFunction() || at.isStatement()) return undefined;
    }
    return undefined;
}

/** Whether `path` only feeds wording: it is wording, or a constant that only wording reads. */
function onlyWording(path, depth = 0) {
    if (inWordingProperty(path)) return true;
    const declarator = declaratorOf(path);
    if (!declarator || depth > 3 || !declarator.get('id').isIdentifier()) return false;
    const binding = declarator.scope.getBinding(declarator.node.id.name);
    if (!binding || !binding.constant || binding.referencePaths.length === 0) return false;
    return binding.referencePaths.every((reference) => onlyWording(reference, depth + 1));
}

export const strykerPlugins = [
    declareValuePlugin(PluginKind.Ignore, 'wording', {
        shouldIgnore: (path) => (onlyWording(path) ? 'wording: tests compare rule ids, ranges and fixed text, never messages' : undefined),
    }),
];
