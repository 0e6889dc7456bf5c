/**
 * Dependency injection of the language server: the headless services (arch-core-module.ts) and
 * the editor features on top. The one place the server's services are wired; no logic.
 */
import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './generated/module.js';
import { ArchCoreModule, ArchSharedCoreModule, registerArch, type ArchAddedServices, type ArchSharedAddedServices } from './arch-core-module.js';
import { ArchCompletionProvider } from './lsp/arch-completion-provider.js';
import { ArchHoverProvider } from './lsp/arch-hover-provider.js';
import { ArchFormatter } from './lsp/arch-formatter.js';
import { ArchSemanticTokenProvider } from './lsp/arch-semantic-token-provider.js';
import { ArchNodeKindProvider } from './lsp/arch-node-kind-provider.js';
import { ArchInlayHintProvider } from './lsp/arch-inlay-hint-provider.js';
import { ArchCodeLensProvider } from './lsp/arch-code-lens-provider.js';
import { ArchCodeActionProvider } from './lsp/arch-code-action-provider.js';
import { ArchRenameProvider } from './lsp/arch-rename-provider.js';
import { ArchDiagramRequestHandler } from './lsp/diagram-request.js';
import { ArchSimulateRequestHandler } from './lsp/simulate-request.js';
import { NO_WORKERS, type ArchWorkers } from './lsp/workers.js';

/** The requests of the editor's diagram and simulation panels, services of the server only. */
export interface ArchLspAddedServices {
    archlint: {
        DiagramRequest: ArchDiagramRequestHandler;
        SimulateRequest: ArchSimulateRequestHandler;
    };
}

/** What the server's requests share: where ELK and the simulator run. */
export interface ArchSharedLspAddedServices {
    archlint: {
        /** The context's workers. */
        Workers: ArchWorkers;
    };
}

/** What a process gives Arch's services: Langium's context (connection, file system) and its workers, if it has any. */
export interface ArchModuleContext extends DefaultSharedModuleContext {
    workers?: ArchWorkers;
}

/** The shared services of a process that runs Arch. */
export type ArchSharedServices = LangiumSharedServices & ArchSharedAddedServices & ArchSharedLspAddedServices;

/** All services of the Arch language. */
export type ArchServices = LangiumServices & ArchAddedServices & ArchLspAddedServices & { shared: ArchSharedServices };

/** Arch's editor features: Langium's LSP services it overrides and the panels' requests. */
export const ArchLspModule: Module<ArchServices, PartialLangiumServices & DeepPartial<ArchLspAddedServices>> = {
    archlint: {
        DiagramRequest: (services) => new ArchDiagramRequestHandler(services),
        SimulateRequest: (services) => new ArchSimulateRequestHandler(services),
    },
    lsp: {
        CodeActionProvider: () => new ArchCodeActionProvider(),
        CompletionProvider: (services) => new ArchCompletionProvider(services),
        HoverProvider: (services) => new ArchHoverProvider(services),
        Formatter: () => new ArchFormatter(),
        SemanticTokenProvider: (services) => new ArchSemanticTokenProvider(services),
        InlayHintProvider: (services) => new ArchInlayHintProvider(services.archlint.Models),
        CodeLensProvider: (services) => new ArchCodeLensProvider(services),
        RenameProvider: (services) => new ArchRenameProvider(services),
    },
};

/** Arch's overrides of the editor services shared by all languages. */
const ArchSharedLspModule: Module<ArchSharedServices, DeepPartial<ArchSharedServices>> = {
    lsp: {
        NodeKindProvider: () => new ArchNodeKindProvider(),
    },
};

/** Creates the shared and Arch services of a language server (or a test of its features) and registers the checks. */
export function createArchServices(context: ArchModuleContext): { shared: ArchSharedServices; Arch: ArchServices } {
    const workers: Module<ArchSharedServices, DeepPartial<ArchSharedServices>> = { archlint: { Workers: () => context.workers ?? NO_WORKERS } };
    const shared = inject(createDefaultSharedModule(context), ArchGeneratedSharedModule, ArchSharedCoreModule, ArchSharedLspModule, workers);
    const Arch = inject(createDefaultModule({ shared }), ArchGeneratedModule, ArchCoreModule, ArchLspModule);
    registerArch(shared, Arch);
    return { shared, Arch };
}
