/// <reference lib="dom" />
/**
 * The Arch language server in a Web Worker: the same services as the VS Code server (one
 * module wiring, createArchServices), LSP over postMessage, the bundled samples as its file
 * system (imports between samples resolve as on disk), ELK and the simulator in workers of their own.
 */
import { URI, eagerLoad } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createArchServices } from '../../language-server/arch-module.js';
import { listenToArchRequests } from '../../language-server/lsp/requests.js';
import { memoryFileSystem } from '../../language-server/workspace/memory-files.js';
import { sampleUri, samples } from '../src/samples.js';
import { runSimulationInWebWorker, spawnWebLayoutWorker } from './spawn.js';
import { answerSemanticTokensForTheirText } from '../../language-server/lsp/semantic-tokens.js';

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const files = Object.entries(samples).map(([path, text]) => [URI.parse(sampleUri(path)), text] as const);
const { shared, Arch } = createArchServices({ connection, ...memoryFileSystem(files), workers: { layout: spawnWebLayoutWorker, simulate: runSimulationInWebWorker } });
listenToArchRequests(connection, Arch);
startLanguageServer(shared);
answerSemanticTokensForTheirText(connection, shared);
// The page asks to initialize only once Monaco is up: build the services (the parser above all) meanwhile, not then.
eagerLoad(shared);
eagerLoad(Arch);
