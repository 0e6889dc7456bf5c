/**
 * Dependency injection of what a headless run needs (the CLI): parsing, linking and validation,
 * without Langium's LSP services, so that `archlint check` loads no language-server code.
 * arch-module.ts adds the editor services on top. Wiring only, no logic.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject, type DeepPartial, type DefaultSharedCoreModuleContext,
    type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices,
} from 'langium';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './generated/module.js';
import { ArchScopeComputation, ArchScopeProvider } from './lsp/arch-scope-provider.js';
import { ArchDocumentValidator } from './lsp/arch-document-validator.js';
import { ArchValidator } from './validation/arch-validator.js';
import { ArchLintConfigProvider } from './lsp/arch-lint-config-provider.js';
import { ArchModelProvider } from './lsp/arch-model-provider.js';
import { ArchConfigurationProvider } from './lsp/arch-configuration-provider.js';
import { ArchTokenBuilder } from './parser/arch-token-builder.js';
import { ArchLexer, ArchLexerErrorMessageProvider } from './parser/arch-lexer.js';
import { ArchParserErrorMessageProvider } from './parser/arch-parser-messages.js';
import { createArchParser } from './parser/arch-parser.js';
import { lazyLookaheadConfig } from './parser/lazy-lookahead.js';
import { ArchImports } from './workspace/imports.js';
import { ArchDocumentBuilder } from './workspace/arch-document-builder.js';
import { ArchDocumentFactory } from './workspace/arch-document-factory.js';
import { ArchAstNodeDescriptionProvider, ArchLinker, ArchReferenceDescriptionProvider } from './workspace/arch-descriptions.js';

/** Services Arch adds to Langium's. */
export interface ArchAddedServices {
    archlint: {
        Config: ArchLintConfigProvider;
        Models: ArchModelProvider;
        Validator: ArchValidator;
    };
}

/** Services Arch adds to those Langium shares between languages. */
export interface ArchSharedAddedServices {
    archlint: {
        Imports: ArchImports;
    };
}

/** The shared services of a headless process that runs Arch. */
export type ArchSharedCoreServices = LangiumSharedCoreServices & ArchSharedAddedServices;

/** The Arch services of a headless process: everything but the editor features. */
export type ArchCoreServices = LangiumCoreServices & ArchAddedServices & { shared: ArchSharedCoreServices };

/** Arch's overrides and additions to Langium's core services. */
export const ArchCoreModule: Module<ArchCoreServices, PartialLangiumCoreServices & DeepPartial<ArchAddedServices>> = {
    archlint: {
        Config: (services) => new ArchLintConfigProvider(services.shared.workspace.FileSystemProvider),
        Models: (services) => new ArchModelProvider(services.shared),
        Validator: (services) => new ArchValidator(() => services.shared.workspace.LangiumDocuments, () => services.shared.archlint.Imports),
    },
    parser: {
        LangiumParser: (services) => createArchParser(services),
        ParserConfig: (services) => lazyLookaheadConfig(services),
        TokenBuilder: () => new ArchTokenBuilder(),
        Lexer: (services) => new ArchLexer(services),
        LexerErrorMessageProvider: () => new ArchLexerErrorMessageProvider(),
        ParserErrorMessageProvider: () => new ArchParserErrorMessageProvider(),
    },
    references: {
        Linker: (services) => new ArchLinker(services),
        ScopeComputation: (services) => new ArchScopeComputation(services),
        ScopeProvider: (services) => new ArchScopeProvider(services),
    },
    workspace: {
        AstNodeDescriptionProvider: (services) => new ArchAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new ArchReferenceDescriptionProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ArchDocumentValidator(services),
    },
};

/** Arch's overrides of the core services shared by all languages. */
export const ArchSharedCoreModule: Module<ArchSharedCoreServices, DeepPartial<ArchSharedCoreServices>> = {
    archlint: {
        Imports: (services) => new ArchImports(services),
    },
    workspace: {
        ConfigurationProvider: (services) => new ArchConfigurationProvider(services),
        DocumentBuilder: (services) => new ArchDocumentBuilder(services, () => services.archlint.Imports),
        LangiumDocumentFactory: (services) => new ArchDocumentFactory(services),
    },
};

/** Registers Arch's services and checks with the shared services. */
export function registerArch(shared: LangiumSharedCoreServices, Arch: ArchCoreServices): void {
    shared.ServiceRegistry.register(Arch);
    Arch.validation.ValidationRegistry.register(Arch.archlint.Validator.checks());
}

/** Creates the shared and Arch services of a headless process and registers the checks. */
export function createArchCoreServices(context: DefaultSharedCoreModuleContext): { shared: ArchSharedCoreServices; Arch: ArchCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(context), ArchGeneratedSharedModule, ArchSharedCoreModule);
    const Arch = inject(createDefaultCoreModule({ shared }), ArchGeneratedModule, ArchCoreModule);
    registerArch(shared, Arch);
    return { shared, Arch };
}
