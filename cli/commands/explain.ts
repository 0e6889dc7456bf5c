/** `archlint explain RULE`: prints a rule's doc page. */
import { RULES, ruleById } from '../../language-server/rules/registry.js';
import { ruleDoc } from '../../language-server/rules/docs.js';
import type { CommandIO, ExitCode } from '../io.js';
import { ArchlintError } from '../../language-server/errors.js';

/** Prints the doc of `id`, or fails with the closest known ids. */
export function runExplain(id: string, io: CommandIO): ExitCode {
    const rule = ruleById(id);
    if (!rule) {
        const close = RULES.map((r) => r.id).filter((r) => r.includes(id) || id.includes(r) || r.split('-')[0] === id.split('-')[0]);
        throw new ArchlintError(`unknown rule '${id}'${close.length ? `; did you mean ${close.join(', ')}?` : '; `archlint explain --list` lists every rule'}`);
    }
    io.stdout(ruleDoc(id) ?? `# ${id}\n\n${rule.meta.description}\n`);
    return 0;
}

/** Prints every rule id with its default severity and description. */
export function runList(io: CommandIO): ExitCode {
    const width = Math.max(...RULES.map((r) => r.id.length));
    io.stdout(RULES.map((r) => `${r.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.description}`).join('\n') + '\n');
    return 0;
}
