/** Archlint's own requests (protocol.ts) answered on a connection, the same in every process that serves them. */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';
import {
    DIAGRAM_REQUEST, SCENARIOS_REQUEST, SIMULATE_REQUEST, type DiagramParams, type ScenariosParams, type SimulateParams,
} from '../protocol.js';

/** Answers `archlint/diagram`, `archlint/scenarios` and `archlint/simulate` on `connection` with the handlers of `services`. */
export function listenToArchRequests(connection: Connection, services: ArchServices): void {
    const { DiagramRequest, SimulateRequest } = services.archlint;
    connection.onRequest(DIAGRAM_REQUEST, (params: DiagramParams, token: CancellationToken) => DiagramRequest.diagram(params, token));
    connection.onRequest(SCENARIOS_REQUEST, (params: ScenariosParams, token: CancellationToken) => SimulateRequest.scenarios(params, token));
    connection.onRequest(SIMULATE_REQUEST, (params: SimulateParams, token: CancellationToken) => SimulateRequest.simulate(params, token));
}
