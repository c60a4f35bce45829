import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoCommand } from './commands.js';
import type { AppaltoEvent } from './events.js';
import {
  ALTRO_RUP,
  appaltoCreato,
  appaltoRegistratoAnac,
  appaltoRespinto,
  CDC,
  CLASSIFICAZIONE,
  contesto,
  datiGara,
  datiLotto,
  IL,
  proceduraAperta,
  RUP,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const modificaAppalto = (overrides: Partial<Extract<AppaltoCommand, { type: 'ModificaAppalto' }>> = {}): AppaltoCommand => ({
  type: 'ModificaAppalto',
  datiGara: datiGara({ oggetto: 'Nuovo oggetto' }),
  rup: RUP,
  centroDiCosto: CDC,
  ...overrides,
});

describe('ModificaAppalto', () => {
  it('records the new dati di gara, RUP and CdC', () => {
    decider()
      .given([appaltoCreato()])
      .when(modificaAppalto())
      .then([{ type: 'AppaltoModificato', data: { datiGara: datiGara({ oggetto: 'Nuovo oggetto' }), rup: RUP, centroDiCosto: CDC, modificatoIl: IL } }]);
  });

  it('keeps only the declared fields of the RUP and CdC', () => {
    decider()
      .given([appaltoCreato()])
      .when(modificaAppalto({ rup: { ...RUP, ruoli: ['RUP'] } as typeof RUP, centroDiCosto: { ...CDC, sa: 'x' } as typeof CDC }))
      .then([{ type: 'AppaltoModificato', data: { datiGara: datiGara({ oggetto: 'Nuovo oggetto' }), rup: RUP, centroDiCosto: CDC, modificatoIl: IL } }]);
  });

  it('APPALTO_NON_TROVATO on an empty stream (404)', () => {
    decider().given([]).when(modificaAppalto()).thenThrows('APPALTO_NON_TROVATO', 'not_found');
  });

  it('RUP_NON_RESPONSABILE_NEL_CDC: the RUP must be responsabile in the CdC (manuale START Richiedi CIG, 422)', () => {
    decider().given([appaltoCreato()]).when(modificaAppalto({ rup: ALTRO_RUP })).thenThrows('RUP_NON_RESPONSABILE_NEL_CDC', 'rule');
  });

  it('PROCEDURA_GIA_COLLEGATA: a linked procedure cannot be replaced (409)', () => {
    decider()
      .given([appaltoCreato({ datiGara: datiGara({ idProcedura: 'PROC-1' }) })])
      .when(modificaAppalto({ datiGara: datiGara({ idProcedura: 'PROC-2' }) }))
      .thenThrows('PROCEDURA_GIA_COLLEGATA', 'conflict');
  });
});

describe('APPALTO_NON_MODIFICABILE: editing only in BOZZA or IN_LAV, with nothing in flight (409)', () => {
  const edits: AppaltoCommand[] = [
    modificaAppalto(),
    { type: 'AggiungiLotto', dati: datiLotto() },
    { type: 'ModificaLotto', lotIdentifier: 'LOT-0001', dati: datiLotto() },
    { type: 'RimuoviLotto', lotIdentifier: 'LOT-0001' },
    { type: 'ImpostaClassificazione', cpv: CLASSIFICAZIONE },
  ];

  const modificabili: [string, AppaltoEvent[]][] = [
    ['BOZZA', proceduraAperta('BOZZA')],
    ['BOZZA after a KO without ANAC id', [...proceduraAperta('INVIATO'), appaltoRespinto()]],
    ['IN_LAV after a KO', [...proceduraAperta('IN_LAV'), appaltoRespinto()]],
  ];
  describe.each(modificabili)('%s: accepted', (_stato, storia) => {
    it.each(edits.map((c) => [c.type, c] as const))('%s', (_tipo, command) => {
      expect(appaltoDecider.decide(command, storia.reduce(appaltoDecider.evolve, appaltoDecider.initialState), contesto())).toHaveLength(1);
    });
  });

  const bloccati: [string, AppaltoEvent[], RegExp][] = [
    ['BOZZA with the conferma in flight', proceduraAperta('INVIATO'), /in bozza con la conferma in corso/],
    ['IN_LAV with the conferma in flight', proceduraAperta('IN_LAV'), /in lavorazione con la conferma in corso/],
    ['CONF', proceduraAperta('CONF'), /è confermato/],
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB'), /in attesa di pubblicazione/],
    ['PUBB', proceduraAperta('PUBB'), /è pubblicato/],
    ['CANC', [appaltoCreato(), { type: 'AppaltoCancellato', data: { motivo: 'Errore', il: IL } }], /è cancellato/],
  ];
  describe.each(bloccati)('%s: refused, naming the state', (_stato, storia, messaggio) => {
    it.each(edits.map((c) => [c.type, c] as const))('%s', (_tipo, command) => {
      expect(decider().given(storia).when(command).thenThrows('APPALTO_NON_MODIFICABILE', 'conflict').message).toMatch(messaggio);
    });
  });

  it('IN_LAV reached by crea-appalto stays locked until the conferma outcome', () => {
    decider().given([...proceduraAperta('INVIATO'), appaltoRegistratoAnac()]).when(modificaAppalto()).thenThrows('APPALTO_NON_MODIFICABILE');
  });
});
