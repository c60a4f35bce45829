/**
 * Object mothers for Cig specs: plain functions with overrides, valid by default, all dated at
 * the fixed `NOW` of `contestoCig()`.
 */
import type { CigCommand, CigContext } from '../commands.js';
import type { CigEvent } from '../events.js';

export const NOW = new Date('2024-03-15T10:00:00.000Z');
export const IL = NOW.toISOString();
export const CIG = 'A000000001';
export const NUOVO_CIG = 'B000000001';
export const APPALTO_ID = '5f0c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a01';

type Evento<T extends CigEvent['type']> = Extract<CigEvent, { type: T }>;
type Comando<T extends CigCommand['type']> = Extract<CigCommand, { type: T }>;

/**
 * Fixed `now`, sequential ids. `cigValido` is a stand-in accepting any 10-char uppercase code:
 * the service injects the official ANAC algorithm (libs/anac).
 */
export function contestoCig(overrides: Partial<CigContext> = {}): CigContext {
  let n = 0;
  return { now: NOW, newId: () => `id-${++n}`, cigValido: (codice) => /^[A-Z0-9]{10}$/.test(codice), ...overrides };
}

export const assegnaCig = (overrides: Partial<Omit<Comando<'AssegnaCig'>, 'type'>> = {}): Comando<'AssegnaCig'> => ({
  type: 'AssegnaCig',
  cig: CIG,
  regime: 'PCP',
  appaltoId: APPALTO_ID,
  lotIdentifier: 'LOT-0001',
  idAppaltoAnac: '1b6e035d-0126-4455-b340-2f1db7bf2c19',
  ...overrides,
});

export function cigAssegnato(overrides: Partial<Omit<Comando<'AssegnaCig'>, 'type'>> = {}): Evento<'CigAssegnato'> {
  const { type: _type, ...data } = assegnaCig(overrides);
  return { type: 'CigAssegnato', data: { ...data, sostituisce: data.sostituisce, il: IL } };
}

export const cigPerfezionato = (cig = CIG): Evento<'CigPerfezionato'> => ({ type: 'CigPerfezionato', data: { cig, il: IL } });
export const cigUtilizzato = (link: { idProcedura?: string; idContratto?: string } = { idProcedura: 'PROC-1' }): Evento<'CigUtilizzato'> => ({
  type: 'CigUtilizzato',
  data: { cig: CIG, idProcedura: link.idProcedura, idContratto: link.idContratto, il: IL },
});
export const cigSostituito = (sostituitoDa = NUOVO_CIG): Evento<'CigSostituito'> => ({ type: 'CigSostituito', data: { cig: CIG, sostituitoDa, il: IL } });
export const cigCancellato = (motivo = 'Appalto cancellato'): Evento<'CigCancellato'> => ({ type: 'CigCancellato', data: { cig: CIG, motivo, il: IL } });

/** A PCP CIG as the handler leaves it after recupera-cig: assigned and perfected. */
export const cigPcp = (): CigEvent[] => [cigAssegnato(), cigPerfezionato()];
