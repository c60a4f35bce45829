import { ManualClock, SequentialIds } from '#platform';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator.js';
import { ClientePcp, type OpzioniCliente } from './pcp-client.js';
import { RUP_TOSCANA, SA_REGIONE_TOSCANA } from './pcp-fixtures.js';

export interface SimulatoreDiProva {
  readonly sim: RunningSimulator;
  readonly clock: ManualClock;
  /** A client acting as a registered RUP of Regione Toscana. */
  readonly pcp: ClientePcp;
  close(): Promise<void>;
}

/**
 * A simulator on a free port with a manual clock, sequential ids and no log noise: time moves
 * only when the test says so, so every WT → OK transition is deterministic.
 */
export async function avviaSimulatoreDiProva(
  options: SimulatorOptions = {},
  cliente: Partial<OpzioniCliente> = {},
): Promise<SimulatoreDiProva> {
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock('2025-03-01T09:00:00.000Z');
  const sim = await startSimulator({ ids: new SequentialIds(), logLevel: 'silent', ...options, clock });
  const pcp = new ClientePcp(sim.url, { identita: { userCodiceFiscale: RUP_TOSCANA, sa: SA_REGIONE_TOSCANA }, clock, ...cliente });
  return { sim, clock, pcp, close: () => sim.close() };
}
