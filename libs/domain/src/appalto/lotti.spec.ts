import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoCommand } from './commands.js';
import type { DatiLotto } from './types.js';
import { appaltoCreato, contesto, datiLotto, IL, lotto, lottoAggiunto } from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const aggiungi = (overrides: Partial<DatiLotto> = {}): AppaltoCommand => ({ type: 'AggiungiLotto', dati: datiLotto(overrides) });
const rimosso = (lotIdentifier: string) => ({ type: 'LottoRimosso' as const, data: { lotIdentifier, il: IL } });

describe('AggiungiLotto: lots are numbered LOT-0001, LOT-0002… and a number is never reused', () => {
  it('the first lot is LOT-0001', () => {
    decider().given([appaltoCreato()]).when(aggiungi()).then([lottoAggiunto({ lotIdentifier: 'LOT-0001' })]);
  });

  it('the next lot follows the last one', () => {
    decider().given([appaltoCreato(), lottoAggiunto()]).when(aggiungi()).then([lottoAggiunto({ lotIdentifier: 'LOT-0002' })]);
  });

  it('after removing the last lot its number is not given again', () => {
    decider()
      .given([appaltoCreato(), lottoAggiunto(), lottoAggiunto({ lotIdentifier: 'LOT-0002' }), rimosso('LOT-0002')])
      .when(aggiungi())
      .then([lottoAggiunto({ lotIdentifier: 'LOT-0003' })]);
  });
});

describe('DATI_LOTTO_NON_VALIDI: lot data are checked on entry (400, section "lotti")', () => {
  const casi: [string, Partial<DatiLotto>, string, string][] = [
    ['importo 0 (ANAC REG99)', { importo: '0' }, 'importo', 'REG99'],
    ['importo 0.00 (ANAC REG99)', { importo: '0.00' }, 'importo', 'REG99'],
    ['importo not an amount', { importo: '1.234' }, 'importo', 'IMPORTO_NON_VALIDO'],
    ['importo negative', { importo: '-5' }, 'importo', 'IMPORTO_NON_VALIDO'],
    ['importo sicurezza not an amount', { importoSicurezza: 'abc' }, 'importoSicurezza', 'IMPORTO_NON_VALIDO'],
    ['oggetto empty', { oggetto: '   ' }, 'oggetto', 'OGGETTO_LOTTO'],
    ['oggetto of 1001 characters', { oggetto: 'x'.repeat(1001) }, 'oggetto', 'OGGETTO_LOTTO'],
    ['luogo ISTAT of 5 digits', { luogoIstat: '48017' }, 'luogoIstat', 'LUOGO_ISTAT'],
    ['luogo ISTAT of 7 digits', { luogoIstat: '0480170' }, 'luogoIstat', 'LUOGO_ISTAT'],
    ['luogo ISTAT with letters', { luogoIstat: '04801A' }, 'luogoIstat', 'LUOGO_ISTAT'],
    ['CPV without check digit', { cpv: '30192000' }, 'cpv', 'CPV_NON_VALIDO'],
    ['CPV of an unknown division', { cpv: '99000000-1' }, 'cpv', 'CPV_NON_VALIDO'],
    ["CPV not in ANAC's list (ANAC ERR63)", { cpv: '30192999-1' }, 'cpv', 'ERR63'],
    ["luogo ISTAT 999999, no comune of ANAC's codIstat (ANAC ERR63)", { luogoIstat: '999999' }, 'luogoIstat', 'ERR63'],
    ["luogo ISTAT 048999, province of Firenze but no comune (ANAC ERR63)", { luogoIstat: '048999' }, 'luogoIstat', 'ERR63'],
    ['durata of 0 days', { durataGiorni: 0 }, 'durataGiorni', 'DURATA'],
    ['durata not whole', { durataGiorni: 1.5 }, 'durataGiorni', 'DURATA'],
  ];
  it.each(casi)('%s', (_caso, dati, campo, codice) => {
    const error = decider().given([appaltoCreato()]).when(aggiungi(dati)).thenThrows('DATI_LOTTO_NON_VALIDI', 'invalid');
    expect(error.errors).toEqual([{ sezione: 'lotti', campo: `lotti[LOT-0001].${campo}`, codice, messaggio: expect.any(String) }]);
  });

  const validi: [string, Partial<DatiLotto>][] = [
    ['importo 0.01', { importo: '0.01' }],
    ['oggetto of 1000 characters', { oggetto: 'x'.repeat(1000) }],
    ['durata of 1 day', { durataGiorni: 1 }],
    ['importo sicurezza 0', { importoSicurezza: '0' }],
  ];
  it.each(validi)('%s is accepted', (_caso, dati) => {
    decider().given([appaltoCreato()]).when(aggiungi(dati)).then([lottoAggiunto(dati)]);
  });

  it("a participant's amount must be an amount (section aggiudicazioni)", () => {
    const aggiudicazione = { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Ditta', importo: '4.000,00' }] };
    const error = decider().given([appaltoCreato()]).when(aggiungi({ aggiudicazione })).thenThrows('DATI_LOTTO_NON_VALIDI');
    expect(error.errors).toEqual([expect.objectContaining({ sezione: 'aggiudicazioni', campo: 'lotti[LOT-0001].aggiudicazione.partecipanti[0].importo' })]);
  });

  it('ModificaLotto checks the same data', () => {
    decider().given([appaltoCreato(), lottoAggiunto()]).when({ type: 'ModificaLotto', lotIdentifier: 'LOT-0001', dati: datiLotto({ importo: '0' }) }).thenThrows('DATI_LOTTO_NON_VALIDI');
  });
});

describe('ModificaLotto and RimuoviLotto', () => {
  it('ModificaLotto replaces the data of the lot', () => {
    decider()
      .given([appaltoCreato(), lottoAggiunto()])
      .when({ type: 'ModificaLotto', lotIdentifier: 'LOT-0001', dati: datiLotto({ importo: '15000' }) })
      .then([{ type: 'LottoModificato', data: { lotIdentifier: 'LOT-0001', dati: datiLotto({ importo: '15000' }), il: IL } }]);
  });

  it('RimuoviLotto removes the lot', () => {
    decider().given([appaltoCreato(), lottoAggiunto()]).when({ type: 'RimuoviLotto', lotIdentifier: 'LOT-0001' }).then([rimosso('LOT-0001')]);
  });

  it.each([
    ['ModificaLotto', { type: 'ModificaLotto', lotIdentifier: 'LOT-0002', dati: datiLotto() }],
    ['RimuoviLotto', { type: 'RimuoviLotto', lotIdentifier: 'LOT-0002' }],
  ] as const)('LOTTO_NON_TROVATO: %s of an unknown lot (404)', (_tipo, command) => {
    decider().given([appaltoCreato(), lottoAggiunto()]).when(command).thenThrows('LOTTO_NON_TROVATO', 'not_found');
  });

  it('LOTTO_NON_TROVATO: a removed lot is gone (404)', () => {
    decider().given([appaltoCreato(), lottoAggiunto(), rimosso('LOT-0001')]).when({ type: 'RimuoviLotto', lotIdentifier: 'LOT-0001' }).thenThrows('LOTTO_NON_TROVATO');
  });

  it('a modified lot keeps its identifier', () => {
    const modificato = { type: 'LottoModificato' as const, data: { lotIdentifier: 'LOT-0001', dati: datiLotto({ importo: '9' }), il: IL } };
    decider().given([appaltoCreato(), lottoAggiunto(), modificato]).when(aggiungi()).then([lottoAggiunto({ ...lotto(), lotIdentifier: 'LOT-0002' })]);
  });
});
