import { cigDecider, cigStream, DomainError, type CigCommand, type CigState } from '#domain';
import type { AggregateStore } from '../infrastructure/aggregate-store.js';

/**
 * Redelivery changes nothing: a registrar that receives again an event it already applied
 * (its checkpoint was behind, reset, or another instance applied it first) finds the effect
 * already in the CIG's stream and treats the event as done. Only the effect is compared, not
 * incidental fields (the assignment of a code to the very lot that holds it is a no-op even
 * if it was first recorded with other details, e.g. by an import).
 */
export function giaApplicato(state: CigState, comando: CigCommand): boolean {
  if (!state.esiste) return false;
  switch (comando.type) {
    case 'AssegnaCig':
      return state.appaltoId === comando.appaltoId && state.lotIdentifier === comando.lotIdentifier;
    case 'PerfezionaCig':
      // Perfected already, or gone further (superseded or cancelled after it was perfected).
      return state.perfezionato || state.stato !== 'ASSEGNATO';
    case 'SostituisciCig':
      return state.stato === 'SOSTITUITO' && state.sostituitoDa === comando.sostituitoDa;
    case 'CancellaCigPerAppalto':
      return state.stato === 'CANCELLATO';
    default:
      return false;
  }
}

/** Runs a registrar's command; a refusal because its effect is already there is success. */
export async function eseguiUnaVolta(aggregates: AggregateStore, cig: string, comando: CigCommand, esegui: () => Promise<unknown>): Promise<void> {
  try {
    await esegui();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { state } = await aggregates.load(cigStream(cig), cigDecider);
    if (!giaApplicato(state, comando)) throw error;
  }
}
