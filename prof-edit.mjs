import { EmptyFileSystem, URI, TextDocument } from 'langium';
import { createArchServices } from './out/language-server/arch-module.js';
import { generateSystem } from './out/bench/generate.js';
const { shared } = createArchServices(EmptyFileSystem);
const base = generateSystem('Edited', 115);
const uri = URI.parse('file:///e.arch');
let t0;
const times = [];
for (let i = 0; i < 60; i++) {
  const text = base.replace('service_0 "Component 0"', `service_0 "Component ${i}"`);
  const doc = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
  if (shared.workspace.LangiumDocuments.hasDocument(uri)) shared.workspace.LangiumDocuments.deleteDocument(uri);
  shared.workspace.LangiumDocuments.addDocument(doc);
  t0 = performance.now();
  await shared.workspace.DocumentBuilder.build([doc], { validation: true });
  times.push(performance.now() - t0);
}
times.sort((a,b)=>a-b); console.log('median build ms', times[30].toFixed(1));
