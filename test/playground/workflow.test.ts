/** The GitHub Pages workflow publishes the folder `npm run playground` builds. */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step { uses?: string; run?: string; with?: Record<string, string> }
interface Workflow { on: { push: { branches: string[] } }; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> }

describe('.github/workflows/playground.yml', () => {
    const workflow = yaml.load(readFileSync('.github/workflows/playground.yml', 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

    it('builds with npm run playground on Node 20 and uploads the folder the build writes', () => {
        expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
        expect(steps.map((s) => s.run)).toContain('npm run playground');
        expect(pkg.scripts.playground).toContain('scripts/build-playground.mjs');
        const folder = /const out = process\.argv\[2\] \?\? '([^']+)'/.exec(readFileSync('scripts/build-playground.mjs', 'utf8'))?.[1];
        expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path).toBe(folder);
    });

    it('deploys from main with the permissions Pages needs and no more', () => {
        expect(workflow.on.push.branches).toEqual(['main']);
        expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
        expect(steps.some((s) => s.uses?.startsWith('actions/deploy-pages'))).toBe(true);
    });
});
