/**
 * Rename, refusing a new name the language would not read back as a name: it must lex as one
 * identifier token (so neither a keyword such as `service`, nor `9abc`, nor `bad name`).
 */
import { DefaultRenameProvider } from 'langium/lsp';
import type { CancellationToken, RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { LangiumDocument, Lexer } from 'langium';
import type { ArchServices } from '../arch-module.js';
import { printable } from '../printable.js';
import { isNameToken } from '../parser/arch-token-builder.js';


/** Arch's rename provider. */
export class ArchRenameProvider extends DefaultRenameProvider {
    private readonly lexer: Lexer;

    constructor(services: ArchServices) {
        super(services);
        this.lexer = services.parser.Lexer;
    }

    override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const problem = this.problemWith(params.newName);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        return super.rename(document, params, cancelToken);
    }

    /** Why `name` cannot be a name, or undefined. */
    problemWith(name: string): string | undefined {
        const { tokens, errors } = this.lexer.tokenize(name, { mode: 'partial' });
        if (errors.length === 0 && tokens.length === 1 && tokens[0].image === name && isNameToken(tokens[0].tokenType)) return undefined;
        if (tokens.length === 1 && tokens[0].image === name) return `'${printable(name)}' is a keyword of the language: choose another name.`;
        return `'${printable(name)}' is not a name: a name is a letter or '_' followed by letters, digits or '_'.`;
    }
}
