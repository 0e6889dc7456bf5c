/// <reference lib="dom" />
/**
 * The Archlint playground: Monaco with the Arch language server in a Web Worker, the live
 * diagram and the simulation views of the VS Code extension in frames beside it, a picker of
 * the bundled samples, and the model in the URL, so that a link reproduces it exactly.
 */
import './playground.css';
import { decodeShare, encodeShare, type SharedModel } from '../share.js';
import { ARCH, createEditor, monaco } from './editor.js';
import { LanguageClient } from './language-client.js';
import { DiagramHost } from './diagram-host.js';
import { SimulationHost } from './simulation-host.js';
import { FIRST_SAMPLE, sampleUri, samples } from './samples.js';

/** Quiet time after an edit before the URL follows it. */
const SHARE_MS = 300;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = $<HTMLSpanElement>('status');
const picker = $<HTMLSelectElement>('sample');
const setStatus = (message: string) => { statusLine.textContent = message; };

/** The open model's sample path (its URI's path under /samples/). */
const fileOf = (model: monaco.editor.ITextModel) => model.uri.path.replace(/^\/samples\//, '');

/** Opens `shared` in the editor: the model of its file, holding its text. */
function open(shared: SharedModel): void {
    const uri = monaco.Uri.parse(sampleUri(shared.file));
    const current = editor.getModel();
    if (current?.uri.toString() === uri.toString()) {
        if (current.getValue() !== shared.text) current.setValue(shared.text);
    } else {
        editor.setModel(monaco.editor.createModel(shared.text, ARCH, uri));
        current?.dispose();
    }
    picker.value = shared.file in samples ? shared.file : '';
}

const fromLink = await decodeShare(window.location.hash);
if (window.location.hash.length > 1 && !fromLink) setStatus('This link holds no model that can be read: showing a sample instead.');
const first = fromLink ?? { file: FIRST_SAMPLE, text: samples[FIRST_SAMPLE] ?? '' };

const editor = createEditor($('editor'), monaco.editor.createModel(first.text, ARCH, monaco.Uri.parse(sampleUri(first.file))));
const client = new LanguageClient((window as { archlintServer?: Worker }).archlintServer ?? new Worker('language-server.js'));
const diagram = new DiagramHost($<HTMLIFrameElement>('diagram'), client, editor);
const simulation = new SimulationHost($<HTMLIFrameElement>('simulation'), client, editor, diagram, {
    button: $<HTMLButtonElement>('simulate'), scenario: $<HTMLSelectElement>('scenario'), progress: $<HTMLProgressElement>('progress'), status: setStatus,
});
diagram.onDiagram = () => void simulation.refreshScenarios();

// The samples, then "Your model" for anything else.
picker.replaceChildren(...['', ...Object.keys(samples).sort()].map((path) => {
    const option = document.createElement('option');
    option.value = path;
    option.textContent = path ? path.replace(/\.arch$/, '') : 'Your model';
    option.hidden = path === '';
    return option;
}));
picker.value = first.file in samples ? first.file : '';
picker.addEventListener('change', () => {
    if (picker.value) open({ file: picker.value, text: samples[picker.value] });
});

/** The URL follows the model: what is on screen is what a copied link reproduces. */
let written = window.location.hash;
let shareTimer: ReturnType<typeof setTimeout> | undefined;
async function writeLink(): Promise<string> {
    const model = editor.getModel();
    if (!model) return window.location.href;
    written = `#${await encodeShare({ file: fileOf(model), text: model.getValue() })}`;
    if (written !== window.location.hash) history.replaceState(null, '', written);
    return window.location.href;
}
editor.onDidChangeModelContent(() => {
    if (picker.value && editor.getModel()?.getValue() !== samples[picker.value]) picker.value = '';
    clearTimeout(shareTimer);
    shareTimer = setTimeout(() => void writeLink(), SHARE_MS);
});
window.addEventListener('hashchange', async () => {
    if (window.location.hash === written) return;
    const shared = await decodeShare(window.location.hash);
    if (shared) open(shared);
    else setStatus('This link holds no model that can be read.');
});
$('share').addEventListener('click', async () => {
    clearTimeout(shareTimer);
    const link = await writeLink();
    try {
        await navigator.clipboard.writeText(link);
        setStatus('Link copied: it opens this model exactly.');
    } catch {
        setStatus('The address bar holds the link to this model.');
    }
});

// The language server's code lenses name VS Code's commands: here they act on this page.
monaco.editor.registerCommand('archlint.openDiagram', (_accessor, _uri: unknown, system: unknown) => diagram.showSystem(typeof system === 'string' ? system : undefined));
monaco.editor.registerCommand('archlint.simulate', (_accessor, _uri: unknown, system: unknown) => void simulation.run(typeof system === 'string' ? system : undefined));
monaco.editor.registerCommand('workbench.actions.view.problems', () => editor.trigger('codelens', 'editor.action.marker.next', null));

/** For scripts, tests and the benchmark: the editor and Monaco's API. */
Object.assign(window, { playground: { editor, monaco } });
editor.focus();
