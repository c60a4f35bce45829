import { eventually, type UserClient } from './service.js';

/** Request bodies and HTTP walks shared by the end-to-end tests of the PCP flow. */
export const RUP = 'GVNMRC70A01D612Q';
export const CDC = 'CDC-TOSCANA-CONTRATTI';

export const lotto = (n: number, overrides: Record<string, unknown> = {}) => ({
  oggetto: `Lotto ${n} - pulizia sedi`,
  oggettoContratto: 'SERVIZI',
  importo: '10000.00',
  cpv: '90910000-9',
  luogoIstat: '048017',
  durataGiorni: 365,
  ...overrides,
});

export const lottoAd5 = (overrides: Record<string, unknown> = {}) => ({
  oggetto: 'Fornitura di materiale di cancelleria',
  oggettoContratto: 'FORNITURE',
  importo: '1250.00',
  cpv: '30192000-1',
  luogoIstat: '048017',
  aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.00' }] },
  ...overrides,
});

function must(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** An AD5 direct award ready to send: draft, CPV, one lot with its award. */
export async function preparaAd5(client: UserClient, options: { rup?: string; importo?: string } = {}): Promise<string> {
  const creato = must(
    await client.request('POST', '/appalti', {
      scheda: 'AD5',
      tipoProcedura: 'AFFIDAMENTO_DIRETTO',
      centroDiCosto: CDC,
      rup: options.rup ?? RUP,
      datiGara: { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    }),
    201,
    'create AD5',
  );
  const id = creato.id as string;
  must(await client.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] }), 200, 'classificazione');
  const importo = options.importo ?? '1250.00';
  must(
    await client.request('POST', `/appalti/${id}/lotti`, lottoAd5({ importo, aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo }] } })),
    201,
    'lotto',
  );
  return id;
}

/** An open procedure (P2_16) with `lotti` lots, ready to send. */
export async function preparaAperta(client: UserClient, lotti = 3): Promise<string> {
  const creato = must(
    await client.request('POST', '/appalti', {
      scheda: 'P2_16',
      tipoProcedura: 'APERTA',
      centroDiCosto: CDC,
      rup: RUP,
      datiGara: {
        oggetto: `Servizi di pulizia sedi regionali - ${lotti} lotti`,
        settore: 'ORDINARIO',
        oggettoPrincipale: 'SERVIZI',
        scadenzaPresentazioneOfferte: '2036-12-15T12:00:00Z',
        urlDocumenti: 'https://appalti.example.it/gara/pulizie',
      },
    }),
    201,
    'create open procedure',
  );
  const id = creato.id as string;
  must(await client.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '90910000-9', principale: true }] }), 200, 'classificazione');
  for (let n = 1; n <= lotti; n++) must(await client.request('POST', `/appalti/${id}/lotti`, lotto(n)), 201, `lotto ${n}`);
  return id;
}

/** The appalto `id` as `client` reads it, once `condizione` holds (polled until `timeoutMs`). */
export function appaltoQuando(client: UserClient, id: string, condizione: (a: any) => boolean, cosa: string, timeoutMs = 30_000): Promise<any> {
  return eventually(async () => {
    const a = (await client.request('GET', `/appalti/${id}`)).body;
    return condizione(a) ? a : undefined;
  }, timeoutMs, cosa);
}

/** The CIG of the first lot of the appalto `id`, once ANAC has confirmed it (CONF). */
export async function cigConfermato(client: UserClient, id: string, timeoutMs = 20_000): Promise<string> {
  return (await appaltoQuando(client, id, (a) => a.stato === 'CONF', 'the CIG', timeoutMs)).lotti[0].cig as string;
}
