// A StrykerJS ignorer: mutants inside a finding's message, a fix's title or a rule's one-line
// description change wording only, and the tests never compare wording (style.md: tests assert
// rule ids and ranges), so counting them would measure nothing. Reported as ignored, not hidden.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const WORDING = new Set(['message', 'title', 'description']);

/** Whether `path` sits in the value of an object property named for wording. */
function inWording(path) {
    for (let at = path; at; at = at.parentPath) {
        if (at.isObjectProperty() && !at.node.computed && WORDING.has(at.node.key.name ?? at.node.key.value)) return true;
        if (at.isFunction()) return false;
    }
    return false;
}

export const strykerPlugins = [
    declareValuePlugin(PluginKind.Ignore, 'wording', {
        shouldIgnore: (path) => (inWording(path) ? 'wording: tests compare rule ids, ranges and fixed text, never messages' : undefined),
    }),
];
