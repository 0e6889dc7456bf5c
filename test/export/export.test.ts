/**
 * `archlint export`: the exact text of each target for a small model, escaping that round-trips
 * any title through each syntax's own decoding rules, identifiers that stay unique and clear of
 * keywords, and the command's exit codes. The real parsers read these outputs in
 * test/external/export-parsers.test.ts (run by .ci/run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportModel, EXPORT_FORMATS } from '../../language-server/export/export.js';
import type { ArchModel } from '../../language-server/model/types.js';
import { model } from '../helpers.js';
import { archlint, workspace } from '../cli/run-cli.js';

const SMALL = `system Shop "Web shop" {
  workload { rps 100 }
  client web { protocol https }
  zone eu "Europe" {
    service api { replicas 3 }
  }
  database orders { replicas 2 }
  queue mails
  web -> api : https
  api -> orders : sql
  api -> mails : async
}
`;

describe('export of a small model', () => {
    it('writes Mermaid', async () => {
        expect(exportModel(await model(SMALL), 'mermaid')).toBe(`flowchart LR
  web(["web<br>client"])
  orders[("orders<br>database ×2, leader + 1 follower")]
  mails[["mails<br>queue"]]
  subgraph eu ["eu<br>Europe"]
    api["api<br>service ×3"]
  end
  web -->|"https"| api
  api -->|"sql"| orders
  api -.->|"async"| mails
`);
    });

    it('writes D2, with full paths into zones', async () => {
        expect(exportModel(await model(SMALL), 'd2', 'down')).toBe(`direction: down
web: "web\\nclient" { shape: person }
orders: "orders\\ndatabase ×2, leader + 1 follower" { shape: cylinder }
mails: "mails\\nqueue" { shape: queue }
eu: "eu\\nEurope" {
  api: "api\\nservice ×3"
}
web -> eu.api: "https"
eu.api -> orders: "sql"
eu.api -> mails: "async" { style.stroke-dash: 4 }
`);
    });

    it('writes PlantUML', async () => {
        expect(exportModel(await model(SMALL), 'plantuml')).toBe(`@startuml
left to right direction
actor "web\\nclient" as web
database "orders\\ndatabase ×2, leader + 1 follower" as orders
queue "mails\\nqueue" as mails
rectangle "eu\\nEurope" <<zone>> as eu {
  component "api\\nservice ×3" as api
}
web --> api : https
api --> orders : sql
api ..> mails : async
@enduml
`);
    });

    it('writes LikeC4, with fully qualified names into zones', async () => {
        const text = exportModel(await model(SMALL), 'likec4');
        expect(text).toContain(`model {
  web = client 'web' {
    technology 'client'
  }
  orders = database 'orders' {
    technology 'database ×2, leader + 1 follower'
  }
  mails = queue 'mails' {
    technology 'queue'
  }
  eu = zone 'eu' {
    description 'Europe'
    api = service 'api' {
      technology 'service ×3'
    }
  }
  web -> eu.api 'https'
  eu.api -> orders 'sql'
  eu.api -[async]-> mails 'async'
}`);
        expect(text).toContain("title 'Web shop'");
    });
});

describe('export of the v2 facts', () => {
    const V2 = `system Feed {
  service api
  service fan_out
  service timelines
  database users { replicas 3 }
  database ledger { replicas 2 leader multi }
  fan_out -> timelines [x10]
  api -> users [5%] : sql
  flow post : api -> fan_out -> timelines
  flow audit : api -> ledger [read]
}
`;
    it.each(EXPORT_FORMATS)('%s: annotated calls on their edges, and who takes a replicated database\'s writes', async (format) => {
        const text = exportModel(await model(V2), format);
        expect(text).toContain('×10');
        expect(text).toContain('sql 5%');
        expect(text).toContain('read');
        expect(text).toContain('database ×3, leader + 2 followers');
        expect(text).toContain('database ×2, 2 leaders');
    });
});

/** Each syntax's own reading of a label, written from its documentation, not from the exporter. */
const DECODE: Record<(typeof EXPORT_FORMATS)[number], { label: (output: string) => string; decode: (label: string) => string; forbidden: RegExp }> = {
    mermaid: {
        label: (out) => /^ {4}api\["(.*)"\]$/m.exec(out)![1],
        decode: (l) => l.replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))),
        forbidden: /["\n\r[\]{}|<>`]/,
    },
    d2: {
        label: (out) => /^ {2}api: "((?:\\.|[^"\\])*)"$/m.exec(out)![1],
        decode: (l) => l.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
        forbidden: /(?<!\\)\$|[\r\u0000-\u0009\u000b-\u001f]/,
    },
    plantuml: {
        label: (out) => /^ {2}component "(.*)" as api$/m.exec(out)![1],
        decode: (l) => l.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))),
        forbidden: /["\n\r<>~*_/\\-]|^!|@/,
    },
    likec4: {
        label: (out) => /^ {6}description '((?:\\.|[^'\\])*)'$/m.exec(out)![1],
        decode: (l) => l.replace(/\\(.)/g, '$1'),
        forbidden: /[\n\r]/,
    },
};

describe('labels', () => {
    it.each(EXPORT_FORMATS)('%s: any title comes back as written (line breaks aside) and cannot end its string', async (format) => {
        const base = await model(SMALL);
        const { label, decode, forbidden } = DECODE[format];
        fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (title) => {
            if (!title) return;
            const copy: ArchModel = { ...base, components: new Map([...base.components].map(([k, c]) => [k, k === 'api' ? { ...c, title } : c])) };
            const raw = label(exportModel(copy, format));
            const separator = format === 'mermaid' ? '<br>' : format === 'plantuml' ? '\\n' : '\n';
            expect(raw.split(separator).join('')).not.toMatch(forbidden);
            const lines = decode(raw).split(separator);
            // LikeC4 holds the title alone; the others hold name, title and kind on their own lines.
            const shown = format === 'likec4' ? decode(raw) : lines.slice(1, -1).join('\n');
            const expected = format === 'likec4' ? title.replace(/\n/g, ' ') : title;
            const printable = (text: string) => text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => (c === '\n' && format !== 'likec4' ? c : ''));
            expect(printable(shown)).toBe(printable(expected));
        }), { numRuns: 300 });
    });
});

describe('identifiers', () => {
    it('renames names that are keywords of the target, and keeps them unique', async () => {
        const m = await model('system S {\n  service end\n  service end_2\n  queue style\n  database subgraph\n  end -> end_2\n  end -> style : async\n}\n');
        const mermaid = exportModel(m, 'mermaid');
        expect(mermaid).toContain('end_3["end<br>service"]');
        expect(mermaid).toContain('end_3 --> end_2');
        expect(mermaid).toContain('subgraph_2[("subgraph<br>database")]');
        expect(exportModel(m, 'd2')).toContain('style_2: "style\\nqueue" { shape: queue }');
        expect(exportModel(m, 'plantuml')).toContain('database "subgraph\\ndatabase" as subgraph\n');
    });

    it('turns names no syntax accepts into safe identifiers', async () => {
        const base = await model('system S {\n  service a\n  service b\n  a -> b\n}\n');
        const renamed = new Map([...base.components].map(([k, c]) => [k === 'a' ? '9 lives"}' : k, { ...c, name: k === 'a' ? '9 lives"}' : k }]));
        const odd: ArchModel = { ...base, components: renamed, edges: base.edges.map((e) => ({ ...e, from: '9 lives"}' })) };
        for (const format of EXPORT_FORMATS) expect(exportModel(odd, format), format).toMatch(/\bn_9_lives__\b/);
    });
});

describe('archlint export', () => {
    const sample = join(process.cwd(), 'samples/url-shortener.arch');

    it('prints to standard output, or writes -o, the same text', () => {
        const root = workspace({});
        const printed = archlint(['export', sample, '--format', 'd2'], root);
        expect(printed).toMatchObject({ code: 0, stderr: '' });
        expect(archlint(['export', sample, '--format', 'd2', '-o', 'out.d2'], root)).toMatchObject({ code: 0, stdout: '', stderr: '' });
        expect(readFileSync(join(root, 'out.d2'), 'utf8')).toBe(printed.stdout);
        expect(printed.stdout).toContain('telemetry: "telemetry\\nqueue" { shape: queue }');
    });

    it.each([
        [['export', 'ok.arch'], /required option '--format <format>' not specified/],
        [['export', 'ok.arch', '--format', 'graphviz'], /argument 'graphviz' is invalid/],
        [['export', 'missing.arch', '--format', 'mermaid'], /cannot read .*missing\.arch/],
        [['export', 'broken.arch', '--format', 'mermaid'], /broken\.arch:1:\d+: /],
        [['export', 'ok.arch', '--format', 'mermaid', '--system', 'Nope'], /no system 'Nope' in ok\.arch \(it has: S\)/],
        [['export', 'ok.arch', '--format', 'mermaid', '-o', 'no/such/dir/x.mmd'], /cannot write 'no\/such\/dir\/x\.mmd'/],
    ])('exits 2 with one line: %j', (args, message) => {
        const root = workspace({ 'ok.arch': 'system S { service a }\n', 'broken.arch': 'system S { service }\n' });
        const run = archlint(args, root);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
    });
});
