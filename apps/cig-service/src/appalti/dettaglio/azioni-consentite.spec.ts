import { appaltoDecider, type AppaltoEsistente, type AppaltoEvent } from '#domain';
import type { Attore, Ruolo } from '#platform';
import { azioniConsentite } from './azioni-consentite.js';

const IL = '2024-03-15T10:00:00.000Z';
const contesto = () => ({ now: new Date(IL), newId: () => 'id', responsabileNelCdc: () => true, cigValido: () => true });
const persona = { userId: 'u-rup', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const creato = (tipoProcedura: 'APERTA' | 'AFFIDAMENTO_DIRETTO'): AppaltoEvent => ({
  type: 'AppaltoCreato',
  data: {
    appaltoId: '5f0c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a01', regime: 'PCP', scheda: tipoProcedura === 'APERTA' ? 'P2_16' : 'AD5', tipoProcedura,
    stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000226120' },
    centroDiCosto: { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' }, ufficio: 'UFF-GARE', rup: persona, creatoDa: persona,
    datiGara: { oggetto: 'Pulizia delle sedi', settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' }, creatoIl: IL,
  },
});
/** The life of a request up to `fino`: draft, sent, confirmed by ANAC, publication asked, awaiting publication, published. */
const TAPPE = ['BOZZA', 'INVIATO', 'CONF', 'PUBBLICAZIONE_RICHIESTA', 'IN_ATT_PUBB', 'PUBB'] as const;
function storia(fino: (typeof TAPPE)[number], tipoProcedura: 'APERTA' | 'AFFIDAMENTO_DIRETTO' = 'APERTA'): AppaltoEvent[] {
  const eventi: AppaltoEvent[][] = [
    [creato(tipoProcedura)],
    [{ type: 'AppaltoInviato', data: { richiestaId: 'r1', il: IL } }, { type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: 'anac-1', il: IL } }],
    [{ type: 'AppaltoConfermato', data: { idAppaltoAnac: 'anac-1', idAvviso: 'avviso-1', cig: [], il: IL } }],
    [{ type: 'PubblicazioneRichiesta', data: { richiestaId: 'r2', il: IL } }],
    [{ type: 'AppaltoInAttesaPubblicazione', data: { idAvviso: 'avviso-1', il: IL } }],
    [{ type: 'AppaltoPubblicato', data: { idAvviso: 'avviso-1', il: IL } }],
  ];
  return eventi.slice(0, TAPPE.indexOf(fino) + 1).flat();
}

const stato = (eventi: readonly AppaltoEvent[]) => eventi.reduce(appaltoDecider.evolve, appaltoDecider.initialState) as AppaltoEsistente;
const attore = (ruoli: Ruolo[] = ['BUYER'], ufficio = 'UFF-GARE'): Attore => ({
  userId: 'u-buyer', nome: 'Francesca Rossi', codiceFiscale: 'RSSFNC80A41D612J', ruoli, ufficio, centriDiCosto: [], stazioneAppaltante: '01386030488',
});
const aperte = (eventi: readonly AppaltoEvent[], chi = attore()) =>
  Object.entries(azioniConsentite(stato(eventi), chi, contesto())).filter(([, a]) => a.consentita).map(([nome]) => nome);

describe('the actions a request allows now, by the commands’ own rules (the console shows these)', () => {
  it('follow the state: a draft is deleted, a confirmed open procedure published or deleted, an avviso awaiting publication changed', () => {
    expect(aperte(storia('BOZZA'))).toEqual(['cancellazione']);
    expect(aperte(storia('CONF'))).toEqual(['cancellazione', 'pubblicazione']);
    expect(aperte(storia('IN_ATT_PUBB'))).toEqual(['modificaAvviso']);
    expect(aperte(storia('PUBB'))).toEqual([]);
    // A direct award is never published: its CIG is available at the award.
    expect(aperte(storia('CONF', 'AFFIDAMENTO_DIRETTO'))).toEqual(['cancellazione']);
  });

  it('while ANAC works on the conferma the request is withdrawn (ritiro), not deleted', () => {
    const a = azioniConsentite(stato(storia('INVIATO')), attore(), contesto());
    expect(a.ritiro).toEqual({ consentita: true });
    expect(a.cancellazione.consentita).toBe(false);
    expect(a.pubblicazione).toEqual({ consentita: false, perche: "Si pubblica solo un appalto confermato: l'appalto è in lavorazione" });
  });

  it('follow the policy: a RUP reads and may do nothing, nor may a buyer of another office; each says why', () => {
    const rup = azioniConsentite(stato(storia('CONF')), attore(['RUP']), contesto());
    expect(Object.values(rup).every((x) => !x.consentita)).toBe(true);
    expect(rup.pubblicazione.perche).toMatch(/Il tuo profilo \(RUP\) non consente/);
    expect(aperte(storia('CONF'), attore(['BUYER'], 'UFF-ALTRO'))).toEqual([]);
  });
});
