import { CDC, cigConfermato, lottoAd5, preparaAd5, RUP } from './appalti.js';
import type { UserClient } from './service.js';
import { ESEMPI_REGIMI_STORICI } from './esempi-regimi.js';

/** What the permission matrix acts on, in the caller's office ("proprio") or another ("altro"). */
export interface Risorse {
  readonly appalto: Readonly<Record<'proprio' | 'altro', string>>;
  readonly cig: Readonly<Record<'proprio' | 'altro', string>>;
}

export interface Esempio {
  readonly percorso: string;
  readonly corpo?: unknown;
  readonly headers?: Record<string, string>;
  /** The endpoint acts on no office's resource (creation, directory, listing filtered by office). */
  readonly senzaUfficio?: boolean;
}

type Ufficio = 'proprio' | 'altro';

/**
 * Resources of the office of `client` (a buyer): a draft AD5 and the CIG of another AD5 confirmed;
 * "altro" names the same ones, for the tests where the office is not the subject.
 */
export async function risorseDelBuyer(client: UserClient): Promise<Risorse> {
  const appalto = await preparaAd5(client);
  const confermato = await preparaAd5(client);
  await client.request('POST', `/appalti/${confermato}/conferma`);
  const cig = await cigConfermato(client, confermato);
  return { appalto: { proprio: appalto, altro: appalto }, cig: { proprio: cig, altro: cig } };
}
type Costruttore = (r: Risorse, u: Ufficio) => Esempio;

const datiGara = { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' };
const appalto = (r: Risorse, u: Ufficio, resto = '') => `/appalti/${r.appalto[u]}${resto}`;
const globale = (percorso: string, corpo?: unknown): Costruttore => () => ({ percorso, corpo, senzaUfficio: true });

/**
 * One valid example request per endpoint of the API (OpenAPI path form). The permission matrix
 * test fails for an endpoint missing here: adding an endpoint means adding its example.
 */
export const ESEMPI: Readonly<Record<string, Costruttore>> = {
  'POST /appalti': globale('/appalti', { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara }),
  'PATCH /appalti/{id}': (r, u) => ({ percorso: appalto(r, u), corpo: { datiGara: { ...datiGara, oggetto: 'Modificato' } } }),
  'POST /appalti/{id}/lotti': (r, u) => ({ percorso: appalto(r, u, '/lotti'), corpo: lottoAd5() }),
  'PUT /appalti/{id}/lotti/{lotIdentifier}': (r, u) => ({ percorso: appalto(r, u, '/lotti/LOT-0001'), corpo: lottoAd5() }),
  'DELETE /appalti/{id}/lotti/{lotIdentifier}': (r, u) => ({ percorso: appalto(r, u, '/lotti/LOT-0099') }),
  'PUT /appalti/{id}/classificazione': (r, u) => ({ percorso: appalto(r, u, '/classificazione'), corpo: { cpv: [{ codice: '30192000-1', principale: true }] } }),
  'POST /appalti/{id}/procedura': (r, u) => ({ percorso: appalto(r, u, '/procedura'), corpo: { idProcedura: 'PROC-MATRICE' } }),
  'POST /appalti/{id}/verifica': (r, u) => ({ percorso: appalto(r, u, '/verifica') }),
  'POST /appalti/{id}/conferma': (r, u) => ({ percorso: appalto(r, u, '/conferma') }),
  'POST /appalti/{id}/pubblica': (r, u) => ({ percorso: appalto(r, u, '/pubblica') }),
  'POST /appalti/{id}/avviso/modifica': (r, u) => ({ percorso: appalto(r, u, '/avviso/modifica'), corpo: {} }),
  'POST /appalti/{id}/copia': (r, u) => ({ percorso: appalto(r, u, '/copia') }),
  'DELETE /appalti/{id}': (r, u) => ({ percorso: appalto(r, u), corpo: { motivo: 'Prova della matrice dei permessi' } }),
  'GET /appalti/{id}': (r, u) => ({ percorso: appalto(r, u) }),
  'GET /appalti/{id}/trasmissioni': (r, u) => ({ percorso: appalto(r, u, '/trasmissioni') }),
  'GET /cig': globale('/cig'),
  'GET /cig/{cig}': (r, u) => ({ percorso: `/cig/${r.cig[u]}` }),
  'POST /cig/{cig}/utilizza': (r, u) => ({ percorso: `/cig/${r.cig[u]}/utilizza`, corpo: { idProcedura: 'PROC-MATRICE' } }),
  // the read side: listing export, history, audit trail, projection rebuilds
  'GET /cig/export.csv': globale('/cig/export.csv'),
  'GET /cig/{cig}/storia': (r, u) => ({ percorso: `/cig/${r.cig[u]}/storia` }),
  'GET /audit': globale('/audit'),
  'GET /audit/verifica': globale('/audit/verifica'),
  // An id no verification has: the matrix checks who is let through (404 for them), not the result.
  'GET /audit/verifica/{id}': globale('/audit/verifica/00000000-0000-4000-8000-000000000000'),
  'GET /audit/chiave-pubblica': globale('/audit/chiave-pubblica'),
  'GET /audit/export': globale('/audit/export'),
  'GET /audit/sth': globale('/audit/sth'),
  // The stream of the caller's office (the service filters it): no other office's resource to name.
  'GET /eventi': globale('/eventi'),
  'GET /audit/sth/chiavi': globale('/audit/sth/chiavi'),
  'GET /audit/testimoni': globale('/audit/testimoni'),
  'GET /audit/stato': globale('/audit/stato'),
  'GET /audit/consistenza': globale('/audit/consistenza?da=1'),
  'GET /audit/inclusione': globale('/audit/inclusione?seq=1'),
  'GET /admin/projections': globale('/admin/projections'),
  'POST /admin/projections/{name}/rebuild': globale('/admin/projections/trasmissioni/rebuild'),
  'GET /admin/projections/{name}/rebuild': globale('/admin/projections/trasmissioni/rebuild'),
  'GET /anagrafica/centri-di-costo': globale('/anagrafica/centri-di-costo'),
  'GET /anagrafica/rup': globale(`/anagrafica/rup?centroDiCosto=${CDC}`),
  'GET /tipologiche/cpv': globale('/tipologiche/cpv?q=stampa&limite=5'),
  'GET /admin/anagrafica': globale('/admin/anagrafica'),
  'POST /admin/anagrafica/stazioni-appaltanti': globale('/admin/anagrafica/stazioni-appaltanti', { codiceFiscale: '80011600196', denominazione: 'Ente di prova', codiceAusa: '0000322617' }),
  'POST /admin/anagrafica/centri-di-costo': globale('/admin/anagrafica/centri-di-costo', { codice: 'CDC-MATRICE', denominazione: 'CdC di prova', sa: '01386030488' }),
  'POST /admin/anagrafica/uffici': globale('/admin/anagrafica/uffici', { codice: 'UFF-MATRICE', denominazione: 'Ufficio di prova', sa: '01386030488' }),
  'POST /admin/anagrafica/utenti': globale('/admin/anagrafica/utenti', {
    userId: 'utente.matrice', nome: 'Utente Matrice', codiceFiscale: 'RSSMRA80A01H501U', sa: '01386030488',
    ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: [CDC], ruoli: ['BUYER'],
  }),
  'PATCH /admin/anagrafica/utenti/{userId}': globale('/admin/anagrafica/utenti/utente.matrice', { ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: [CDC], ruoli: ['BUYER', 'RUP'] }),
  'DELETE /admin/anagrafica/utenti/{userId}': globale('/admin/anagrafica/utenti/utente.matrice'),
  // Development login of the console (public; present because tests run with development keys).
  'GET /accesso/sviluppo/utenti': globale('/accesso/sviluppo/utenti'),
  'POST /accesso/sviluppo': globale('/accesso/sviluppo', { userId: 'francesca.bianchi' }),
  ...ESEMPI_REGIMI_STORICI,
  // webhook subscriptions: an id no subscription has (the matrix checks who is let through, 404 for them)
  'POST /webhook/sottoscrizioni': globale('/webhook/sottoscrizioni', { url: 'http://127.0.0.1:9/matrice', segreto: 'segreto-della-matrice-dei-permessi', eventi: ['CigAssegnato'] }),
  'GET /webhook/sottoscrizioni': globale('/webhook/sottoscrizioni'),
  'DELETE /webhook/sottoscrizioni/{id}': globale('/webhook/sottoscrizioni/00000000-0000-4000-8000-000000000000'),
  'GET /webhook/sottoscrizioni/{id}/consegne': globale('/webhook/sottoscrizioni/00000000-0000-4000-8000-000000000000/consegne'),
  'POST /webhook/sottoscrizioni/{id}/riproduci': globale('/webhook/sottoscrizioni/00000000-0000-4000-8000-000000000000/riproduci', { dallaPosizione: 'inizio' }),
};
