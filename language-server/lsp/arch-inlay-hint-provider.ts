/** Inlay hints: the utilisation at peak beside each `capacity`, computed as the capacity rules compute it. */
import { OperationCancelled, type LangiumDocument, type MaybePromise } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type CancellationToken, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { ArchModelProvider } from './arch-model-provider.js';
import { analyse } from '../analysis/model-analysis.js';
import { judgedUtilisation } from '../analysis/capacity.js';
import { THRESHOLDS } from '../rules/thresholds.js';
import { partitionOf } from '../model/kinds.js';
import type { ArchComponent } from '../model/types.js';

/** The default share of write capacity from which write-bottleneck, not the capacity rules, judges a store's writes. */
const WRITES_APART = THRESHOLDS.get('write-bottleneck.headroom')!.default;
const percent = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '∞');
const rate = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** Arch's inlay hint provider. */
export class ArchInlayHintProvider implements InlayHintProvider {
    constructor(private readonly models: ArchModelProvider) {}

    getInlayHints(document: LangiumDocument, params: InlayHintParams, cancelToken?: CancellationToken): MaybePromise<InlayHint[] | undefined> {
        // Superseded while it waited for the build: the model of an old version is not worth computing.
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        const uri = document.uri.toString();
        const hints: InlayHint[] = [];
        for (const model of this.models.modelsOf(document)) {
            const { loads } = analyse(model).traffic;
            for (const component of model.components.values()) {
                const where = component.properties.capacity;
                const load = loads.get(component.name);
                if (!where || where.uri !== uri || !load || !within(where.range.end.line, params)) continue;
                const figures = judgedUtilisation(component, load, WRITES_APART);
                if (!figures) continue;
                hints.push({
                    position: where.range.end,
                    label: `${percent(figures.utilisation)} at peak`,
                    kind: InlayHintKind.Parameter,
                    paddingLeft: true,
                    tooltip: figures.replicas
                        ? `At rps × peak, each replica that serves reads takes ${rate(figures.replicas.readRpsPerReplica)} reads/s and every replica applies ${rate(figures.replicas.writeRpsPerShard)} writes/s${partitioned(component) ? ' (mean shard)' : ''}${figures.writesApart ? '; the writes are judged by write-bottleneck' : ''}.`
                        : `Offered load at rps × peak: ${rate(load.rps)} requests/s against ${rate(figures.capacityRps)} requests/s of capacity.`,
                });
            }
        }
        return hints;
    }
}

function partitioned(component: ArchComponent): boolean {
    return partitionOf(component) !== undefined;
}

function within(line: number, params: InlayHintParams): boolean {
    return line >= params.range.start.line && line <= params.range.end.line;
}
