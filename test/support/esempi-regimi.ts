import type { Risorse } from './esempi-endpoint.js';

type Ufficio = 'proprio' | 'altro';
type Costruttore = (r: Risorse, u: Ufficio) => { percorso: string; corpo?: unknown; headers?: Record<string, string>; senzaUfficio?: boolean };

const RUP = 'GVNMRC70A01D612Q';
const CDC = 'CDC-TOSCANA-CONTRATTI';
const dati = { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '1500', oggetto: 'stampe', procedura: 'AFFIDAMENTO_DIRETTO', oggettoPrincipale: 'SERVIZI' };
const globale = (percorso: string, corpo?: unknown, headers?: Record<string, string>): Costruttore => () => ({ percorso, corpo, headers, senzaUfficio: true });
const cig = (resto: string, corpo?: unknown): Costruttore => (r, u) => ({ percorso: `/cig/${r.cig[u]}${resto}`, corpo });

/**
 * Examples of the SIMOG, SmartCIG, carnet and import endpoints for the permission matrix.
 * Endpoints on a CIG act on the matrix's PCP CIGs: the office scope is checked before the rules
 * (which then refuse a PCP code with 422). The matrix's clock is in 2024, when no SIMOG gara, carnet
 * or SmartCIG can be created: those endpoints address ids that do not exist (404 after the role
 * check) and are marked `senzaUfficio`; their office scope is tested in simog-flow and carnet-flow.
 */
export const ESEMPI_REGIMI_STORICI: Readonly<Record<string, Costruttore>> = {
  'POST /simog/gare': globale('/simog/gare', { oggetto: 'Gara della matrice', centroDiCosto: CDC, rup: RUP }),
  'POST /simog/gare/{id}/lotti': (r, u) => ({ percorso: `/simog/gare/${r.appalto[u]}/lotti`, corpo: { oggetto: 'Lotto', importo: '1000', oggettoPrincipale: 'SERVIZI' }, senzaUfficio: true }),
  'DELETE /simog/gare/{id}': (r, u) => ({ percorso: `/simog/gare/${r.appalto[u]}`, corpo: {}, senzaUfficio: true }),
  'GET /simog/gare/{id}': (r, u) => ({ percorso: `/simog/gare/${r.appalto[u]}`, senzaUfficio: true }),
  'GET /simog/gare/{id}/trasmissioni': (r, u) => ({ percorso: `/simog/gare/${r.appalto[u]}/trasmissioni`, senzaUfficio: true }),
  'GET /simog/cig/{cig}': (r, u) => ({ percorso: `/simog/cig/${r.cig[u]}` }),
  'POST /cig/registrazione-manuale': globale('/cig/registrazione-manuale', { cig: '00000021A6', oggettoProcedura: 'Matrice', oggetto: 'Lotto', importo: '1000', centroDiCosto: CDC, rup: RUP }),
  'POST /cig/{cig}/perfeziona': cig('/perfeziona', { dataPubblicazione: '2023-12-20' }),
  'POST /cig/{cig}/cancella': cig('/cancella', { codiceMotivo: 1 }),
  'POST /cig/{cig}/annullamento': cig('/annullamento', { motivazione: 'Matrice', documentoIdentitaRup: 'CI AX0000000' }),
  'POST /cig/{cig}/annullamento/esito': cig('/annullamento/esito', { accolto: true }),
  'POST /smart-cig': globale('/smart-cig', { centroDiCosto: CDC, rup: RUP, dati }),
  'PATCH /smart-cig/{cig}': (r, u) => ({ percorso: `/smart-cig/${r.cig[u]}`, corpo: { dati } }),
  'POST /smart-cig/{cig}/annulla': (r, u) => ({ percorso: `/smart-cig/${r.cig[u]}/annulla`, corpo: {} }),
  'GET /smart-cig/{cig}': (r, u) => ({ percorso: `/smart-cig/${r.cig[u]}` }),
  'GET /smart-cig/{cig}/trasmissioni': (r, u) => ({ percorso: `/smart-cig/${r.cig[u]}/trasmissioni` }),
  'POST /carnet': globale('/carnet', { centroDiCosto: CDC, rup: RUP }),
  'GET /carnet': globale('/carnet'),
  'GET /carnet/{numero}': globale('/carnet/CARNET-0000001'),
  'GET /carnet/{numero}/trasmissioni': globale('/carnet/CARNET-0000001/trasmissioni'),
  'POST /carnet/{numero}/cig/{cig}/comunica': globale('/carnet/CARNET-0000001/cig/X0B0000001/comunica', dati),
  'POST /carnet/{numero}/cig/{cig}/annulla': globale('/carnet/CARNET-0000001/cig/X0B0000001/annulla', {}),
  // No body: an empty CSV is refused (400) after the role check; a body would be parsed as JSON where the matrix sends no headers.
  'POST /admin/import': globale('/admin/import', undefined, { 'content-type': 'text/csv' }),
};
