import { fold } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { spec } from '../shared/testing/given-when-then.js';
import { copiaAppalto } from './copia.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import {
  APPALTO_ID,
  appaltoCancellato,
  appaltoCreato,
  BUYER,
  CLASSIFICAZIONE,
  contesto,
  datiGara,
  lottoAggiunto,
  proceduraAperta,
  proceduraApertaValida,
} from './testing/mothers.js';

const NUOVO = '0e9f3c55-1111-4c4c-8888-000000000002';
const COPIATORE = { userId: 'u-copia', nome: 'Anna Verdi', codiceFiscale: 'VRDNNA85C50D612W' };
const quando = new Date('2024-05-02T08:30:00.000Z');
const copia = (eventi: AppaltoEvent[], now = quando) => copiaAppalto(fold(appaltoDecider, eventi), { nuovoId: NUOVO, now, creatoDa: COPIATORE });

describe('copiaAppalto (manuale START Richiedi CIG "copia"): the same data in a new request, nothing of ANAC', () => {
  it('copies dati di gara, lots with their identifiers, classification, SA, CdC, ufficio and RUP', () => {
    const eventi = [appaltoCreato({ datiGara: datiGara({ idProcedura: 'PROC-1', cup: 'J11B23000123456' }) }), ...proceduraApertaValida().slice(1)];
    const { lotti } = fold(appaltoDecider, eventi) as { lotti: unknown };
    const { data } = appaltoCreato();
    expect(copia(eventi)).toEqual({
      type: 'AppaltoCopiato',
      data: { ...data, appaltoId: NUOVO, creatoDa: COPIATORE, creatoIl: quando.toISOString(), datiGara: datiGara({ cup: 'J11B23000123456' }), copiaDi: APPALTO_ID, lotti, classificazione: CLASSIFICAZIONE },
    });
  });

  it.each([
    ['published', proceduraAperta('PUBB')],
    ['cancelled', [...proceduraApertaValida(), appaltoCancellato()]],
  ])('from a %s appalto, without ANAC ids, CIGs or state', (_caso, storia) => {
    const evento = copia(storia);
    expect(JSON.stringify(evento)).not.toMatch(/idAppaltoAnac|A00000000|idAvviso/);
    const nuovo = fold(appaltoDecider, [evento]);
    expect(nuovo).toMatchObject({ esiste: true, stato: 'BOZZA', cig: [], copiaDi: APPALTO_ID, creatoDa: COPIATORE, idProcedura: undefined });
  });

  it('keeps the award of direct-award lots', () => {
    const aggiudicazione = { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Ditta', importo: '100' }] };
    expect(copia([appaltoCreato(), lottoAggiunto({ aggiudicazione })]).data.lotti[0].aggiudicazione).toEqual(aggiudicazione);
  });

  it('the copy numbers its next lot after the copied ones', () => {
    spec(appaltoDecider, contesto())
      .given([copia(proceduraApertaValida())])
      .when({ type: 'AggiungiLotto', dati: { oggetto: 'Lotto 4', oggettoContratto: 'FORNITURE', importo: '10', cpv: '30192000-1', luogoIstat: '048017' } })
      .then([lottoAggiunto({ lotIdentifier: 'LOT-0004', oggetto: 'Lotto 4', importo: '10' })]);
  });

  it('APPALTO_NON_TROVATO: nothing to copy (404)', () => {
    expect(() => copiaAppalto(appaltoDecider.initialState, { nuovoId: NUOVO, now: quando, creatoDa: BUYER })).toThrow(expect.objectContaining({ code: 'APPALTO_NON_TROVATO' }));
  });

  it('REGIME_NON_VIGENTE: the copy is a new PCP request (422)', () => {
    expect(() => copia(proceduraApertaValida(), new Date('2023-12-31T22:00:00.000Z'))).toThrow(DomainError);
    expect(() => copia(proceduraApertaValida(), new Date('2023-12-31T22:00:00.000Z'))).toThrow(expect.objectContaining({ code: 'REGIME_NON_VIGENTE' }));
  });
});
