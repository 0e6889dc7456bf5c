/** Dependency injection: the one place Arch's services are wired. Wiring only, no logic. */
import {
    inject, type DeepPartial, type Module,
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './generated/module.js';
import { ArchScopeComputation, ArchScopeProvider } from './lsp/arch-scope-provider.js';
import { ArchDocumentValidator } from './lsp/arch-document-validator.js';
import { ArchValidator } from './validation/arch-validator.js';
import { ArchLintConfigProvider } from './lsp/arch-lint-config-provider.js';
import { ArchModelProvider } from './lsp/arch-model-provider.js';
import { ArchConfigurationProvider } from './lsp/arch-configuration-provider.js';
import { ArchCompletionProvider } from './lsp/arch-completion-provider.js';
import { ArchHoverProvider } from './lsp/arch-hover-provider.js';
import { ArchFormatter } from './lsp/arch-formatter.js';
import { ArchSemanticTokenProvider } from './lsp/arch-semantic-token-provider.js';
import { ArchNodeKindProvider } from './lsp/arch-node-kind-provider.js';
import { ArchInlayHintProvider } from './lsp/arch-inlay-hint-provider.js';
import { ArchCodeLensProvider } from './lsp/arch-code-lens-provider.js';
import { ArchCodeActionProvider } from './lsp/arch-code-action-provider.js';
import { ArchRenameProvider } from './lsp/arch-rename-provider.js';
import { ArchTokenBuilder } from './parser/arch-token-builder.js';
import { ArchLexer, ArchLexerErrorMessageProvider } from './parser/arch-lexer.js';
import { ArchParserErrorMessageProvider } from './parser/arch-parser-messages.js';
import { createArchParser } from './parser/arch-parser.js';
import { ArchImports } from './workspace/imports.js';
import { ArchDocumentBuilder } from './workspace/arch-document-builder.js';
import { ArchDocumentFactory } from './workspace/arch-document-factory.js';
import { ArchDiagramRequestHandler } from './lsp/diagram-request.js';
import { ArchSimulateRequestHandler } from './lsp/simulate-request.js';

/** Services Arch adds to Langium's. */
export interface ArchAddedServices {
    archlint: {
        Config: ArchLintConfigProvider;
        Models: ArchModelProvider;
        Validator: ArchValidator;
        DiagramRequest: ArchDiagramRequestHandler;
        SimulateRequest: ArchSimulateRequestHandler;
    };
}

/** Services Arch adds to those Langium shares between languages. */
export interface ArchSharedAddedServices {
    archlint: {
        Imports: ArchImports;
    };
}

/** The shared services of a process that runs Arch. */
export type ArchSharedServices = LangiumSharedServices & ArchSharedAddedServices;

/** All services of the Arch language. */
export type ArchServices = LangiumServices & ArchAddedServices & { shared: ArchSharedServices };

/** Arch's overrides and additions to Langium's defaults. */
export const ArchModule: Module<ArchServices, PartialLangiumServices & DeepPartial<ArchAddedServices>> = {
    archlint: {
        Config: () => new ArchLintConfigProvider(),
        Models: (services) => new ArchModelProvider(services.shared),
        Validator: (services) => new ArchValidator(() => services.shared.workspace.LangiumDocuments, () => services.shared.archlint.Imports),
        DiagramRequest: (services) => new ArchDiagramRequestHandler(services),
        SimulateRequest: (services) => new ArchSimulateRequestHandler(services),
    },
    parser: {
        LangiumParser: (services) => createArchParser(services),
        TokenBuilder: () => new ArchTokenBuilder(),
        Lexer: (services) => new ArchLexer(services),
        LexerErrorMessageProvider: () => new ArchLexerErrorMessageProvider(),
        ParserErrorMessageProvider: () => new ArchParserErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new ArchScopeComputation(services),
        ScopeProvider: (services) => new ArchScopeProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ArchDocumentValidator(services),
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

/** Arch's overrides of the services shared by all languages. */
const ArchSharedModule: Module<ArchSharedServices, DeepPartial<ArchSharedServices>> = {
    archlint: {
        Imports: (services) => new ArchImports(services),
    },
    workspace: {
        ConfigurationProvider: (services) => new ArchConfigurationProvider(services),
        DocumentBuilder: (services) => new ArchDocumentBuilder(services, () => services.archlint.Imports),
        LangiumDocumentFactory: (services) => new ArchDocumentFactory(services),
    },
    lsp: {
        NodeKindProvider: () => new ArchNodeKindProvider(),
    },
};

/** Creates the shared and Arch services and registers the checks. */
export function createArchServices(context: DefaultSharedModuleContext): { shared: ArchSharedServices; Arch: ArchServices } {
    const shared = inject(createDefaultSharedModule(context), ArchGeneratedSharedModule, ArchSharedModule);
    const Arch = inject(createDefaultModule({ shared }), ArchGeneratedModule, ArchModule);
    shared.ServiceRegistry.register(Arch);
    Arch.validation.ValidationRegistry.register(Arch.archlint.Validator.checks());
    return { shared, Arch };
}
