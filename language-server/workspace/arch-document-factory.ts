/**
 * Langium's document factory, plus: a file that cannot be read (too large, not a regular file,
 * no permission) becomes an empty document with that one error, instead of an exception that
 * stops the server's workspace from loading.
 */
import { DefaultLangiumDocumentFactory, DocumentState, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { AstNode } from 'langium';
import { FileReadError } from '../errors.js';

/** The document factory of Arch. */
export class ArchDocumentFactory extends DefaultLangiumDocumentFactory {
    override async fromUri<T extends AstNode = AstNode>(uri: URI, cancellationToken?: CancellationToken): Promise<LangiumDocument<T>> {
        try {
            return await super.fromUri<T>(uri, cancellationToken);
        } catch (error) {
            if (!(error instanceof FileReadError)) throw error;
            const document = this.fromString<T>('', uri);
            document.parseResult = unreadable(document.parseResult, error);
            return document;
        }
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        try {
            return await super.update(document, cancellationToken);
        } catch (error) {
            if (!(error instanceof FileReadError)) throw error;
            const empty = this.fromString<T>('', document.uri);
            document.parseResult = unreadable(empty.parseResult, error);
            Object.assign(document.parseResult.value, { $document: document });
            document.state = DocumentState.Parsed;
            return document;
        }
    }
}

/** `result` (of an empty text) with the read error as its one lexing error. */
function unreadable<T extends AstNode>(result: ParseResult<T>, error: FileReadError): ParseResult<T> {
    const message = `This file cannot be read: ${error.reason}.`;
    return { ...result, lexerErrors: [{ message, offset: 0, length: 0, line: 1, column: 1 }] };
}
