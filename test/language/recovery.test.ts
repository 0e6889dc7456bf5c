/** Issue 10, part 1: one mistake gives one precise error, in plain words on one line. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { componentOf, parse } from '../helpers.js';

const MODEL = (body: string) => `system S {
  workload { rps 1k }
  client c
  service api { replicas 2 capacity 2k rps latency 4ms }
  database db { replicas 2 latency 3ms }
${body}
  c -> api -> db
}
`;

/** Every finding as `code line:char`, sorted (0-based). */
const found = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort();

describe('one mistake, one error', () => {
    it('reads a keyword value after a property that follows a number, and a unit word only on its number\'s line', async () => {
        const { diagnostics, models } = await parse(`system S {
  workload {
    keys 1B zipf 1.0
    rps 300k
  }
  client c
  loadbalancer lb { replicas 2 algorithm round_robin health_check every 5s }
  cache k { replicas 2 capacity 20M items placement cdn }
  service api { replicas 2 capacity 200k rps }
  c -> lb -> api -> k
}
`);
        expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        const [model] = models;
        expect(model.workload.rps).toBe(300_000);
        expect(componentOf(model, 'lb', 'loadbalancer').loadBalancer.algorithm).toBe('round_robin');
        expect(componentOf(model, 'k', 'cache').cache).toMatchObject({ placement: 'cdn', capacityItems: 20_000_000 });
    });

    it('a misspelt property is one unknown-property naming the property meant', async () => {
        const clean = await parse(MODEL(''));
        const { diagnostics } = await parse(MODEL('').replace('capacity 2k rps', 'capacty 2k rps'));
        const added = diagnostics.filter((d) => !found(clean.diagnostics).includes(found([d])[0]));
        expect(found(added)).toEqual(['unknown-property 3:27']);
        expect(added[0].message).toBe("'capacty' is not a property of a service. Did you mean 'capacity'?");
    });

    it('a number with an unknown unit word is one bad-unit, and a later duplicate name is still reported', async () => {
        const { diagnostics } = await parse(MODEL('  service api').replace('latency 3ms', 'latency 5 parsecs'));
        expect(found(diagnostics.filter((d) => d.severity === 1))).toEqual(['bad-unit 4:37', 'duplicate-name 5:10']);
    });

    it('an unknown kind is one error naming the kinds and the likeliest', async () => {
        const { diagnostics } = await parse(MODEL('  dns resolver { replicas 2 }\n  servce cache_api { replicas 2 }'));
        const errors = diagnostics.filter((d) => d.severity === 1);
        expect(found(errors)).toEqual(['syntax 5:2', 'syntax 6:2']);
        expect(errors.map((d) => d.message)).toEqual([
            "'dns' is not a component kind (client, cdn, loadbalancer, proxy, service, worker, cache, database, queue, store).",
            "'servce' is not a component kind (client, cdn, loadbalancer, proxy, service, worker, cache, database, queue, store). Did you mean 'service'?",
        ]);
    });

    it('a keyword used as a name is one error saying so', async () => {
        const { diagnostics } = await parse(MODEL('  flow write : c -> api -> db'));
        const errors = diagnostics.filter((d) => d.severity === 1);
        expect(found(errors)).toEqual(['syntax 5:7']);
        expect(errors[0].message).toBe("'write' is a keyword of the language: give the flow another name.");
    });

    it('a misspelt keyword where only a keyword can stand is read as meant, with one error', async () => {
        const { diagnostics } = await parse(MODEL('  zoen eu { service w { replicas 2 } }\n  flow f 50% raed : c -> api'));
        expect(found(diagnostics.filter((d) => d.severity === 1))).toEqual(['syntax 5:2', 'syntax 6:13']);
    });

    it('a dropped brace is one error, and the blocks after it are read as written', async () => {
        const text = MODEL('  queue q\n  worker w { consumes q replicas 2 }').replace('database db { replicas 2 latency 3ms }', 'database db\n    replicas 2\n    latency 3ms\n  }');
        const { diagnostics } = await parse(text);
        expect(found(diagnostics.filter((d) => d.severity === 1))).toEqual(['syntax 4:11']);
        expect(diagnostics[0].message).toBe("A '{' is missing after 'db' on line 5.");
    });

    it('parser errors are one line in plain words', async () => {
        for (const text of ['system S { service a -> }', 'system S { a -> b : }', 'system S { service a { replicas 2 } } }', 'system S { @ }']) {
            const { diagnostics } = await parse(text);
            const syntax = diagnostics.filter((d) => d.code === 'syntax');
            expect(syntax.length, text).toBeGreaterThan(0);
            for (const d of syntax) {
                expect(d.message, text).not.toMatch(/\n|Expecting|iteration|Token sequences|<\[/);
                expect(d.message, text).toMatch(/^[A-Z'].*\.$/);
            }
        }
    });
});

describe('the property table is the grammar of properties', () => {
    it('every property without a rule of its own parses as `name value` from the table alone', async () => {
        const { PROPERTIES, COMPONENT_KINDS } = await import('../../language-server/model/properties.js');
        const grammar = (await import('node:fs')).readFileSync(new URL('../../grammar/arch.langium', import.meta.url), 'utf8');
        const simple = Object.entries(PROPERTIES).filter(([name]) => !new RegExp(`'${name}'`).test(grammar) || ['write', 'timeout', 'rps'].includes(name));
        expect(simple.length).toBeGreaterThan(25);
        for (const [name, spec] of simple) {
            const context = spec.contexts[0];
            const unit: Record<string, string> = { duration: 's', size: 'KB', factor: 'x' };
            const value = spec.words ? Object.keys(spec.words)[0] : `1${unit[spec.value ?? ''] ?? ''}`;
            const block = context in COMPONENT_KINDS ? `${context} x { ${name} ${value} }` : context === 'connection' ? `service a service b a -> b { ${name} ${value} }` : `${context} ${context === 'scenario' ? 's ' : ''}{ ${name} ${value} }`;
            const { diagnostics } = await parse(`system S {\n  ${block}\n}`);
            expect(diagnostics.filter((d) => ['syntax', 'unknown-property', 'bad-unit', 'invalid-value'].includes(String(d.code))).map((d) => d.message), `${name} in ${block}`).toEqual([]);
        }
    });
});
