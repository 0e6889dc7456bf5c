/**
 * Chevrotain's ALL(*) lookahead (Langium's default strategy), with each decision's lookahead
 * function built the first time the parser reaches that decision instead of all of them when
 * the parser is created. The functions are the same; a run that parses a small file (a cold
 * `archlint check`) builds only the few it needs, which was a third of the start-up time.
 */
import type { BaseParser, IOrAlt, IParserConfig, OptionalProductionType, Rule } from 'chevrotain';
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import type { LangiumCoreServices } from 'langium';

type Alternation = (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined;
type Optional = (this: BaseParser) => boolean;

/** ALL(*) lookahead with lookahead functions built on first use. */
export class LazyLookaheadStrategy extends LLStarLookaheadStrategy {
    override buildLookaheadForAlternation(options: { prodOccurrence: number; rule: Rule; maxLookahead: number; hasPredicates: boolean; dynamicTokensEnabled: boolean }): Alternation {
        let built: Alternation | undefined;
        const build = () => (built = super.buildLookaheadForAlternation(options));
        return function (this: BaseParser, orAlts) {
            return (built ?? build()).call(this, orAlts);
        };
    }

    override buildLookaheadForOptional(options: { prodOccurrence: number; prodType: OptionalProductionType; rule: Rule; maxLookahead: number; dynamicTokensEnabled: boolean }): Optional {
        let built: Optional | undefined;
        const build = () => (built = super.buildLookaheadForOptional(options));
        return function (this: BaseParser) {
            return (built ?? build()).call(this);
        };
    }
}

/** Langium's parser configuration with the lazy lookahead; ambiguity reports stay silent in production, as Langium's own are. */
export function lazyLookaheadConfig(services: LangiumCoreServices): IParserConfig {
    const production = services.LanguageMetaData.mode === 'production';
    return { lookaheadStrategy: new LazyLookaheadStrategy({ logging: production ? () => undefined : undefined }) };
}
