/** Dependency injection: the one place Arch's services are wired. Wiring only, no logic. */
import {
    inject, type DeepPartial, type Module,
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './generated/module.js';
import { ArchScopeComputation, ArchScopeProvider } from './arch-scope-provider.js';
import { ArchDocumentValidator } from './arch-document-validator.js';
import { ArchValidator } from './validation/arch-validator.js';
import { ArchConfigProvider } from './arch-config-provider.js';

/** Services Arch adds to Langium's. */
export interface ArchAddedServices {
    archlint: {
        Config: ArchConfigProvider;
        Validator: ArchValidator;
    };
}

/** All services of the Arch language. */
export type ArchServices = LangiumServices & ArchAddedServices;

/** Arch's overrides and additions to Langium's defaults. */
export const ArchModule: Module<ArchServices, PartialLangiumServices & DeepPartial<ArchAddedServices>> = {
    archlint: {
        Config: () => new ArchConfigProvider(),
        Validator: (services) => new ArchValidator(() => services.shared.workspace.LangiumDocuments),
    },
    references: {
        ScopeComputation: (services) => new ArchScopeComputation(services),
        ScopeProvider: (services) => new ArchScopeProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ArchDocumentValidator(services),
    },
};

/** Creates the shared and Arch services and registers the checks. */
export function createArchServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Arch: ArchServices } {
    const shared = inject(createDefaultSharedModule(context), ArchGeneratedSharedModule);
    const Arch = inject(createDefaultModule({ shared }), ArchGeneratedModule, ArchModule);
    shared.ServiceRegistry.register(Arch);
    Arch.validation.ValidationRegistry.register(Arch.archlint.Validator.checks());
    return { shared, Arch };
}
