import type { TestResponse, UserClient } from './service.js';

/** Request bodies and helpers shared by the SIMOG, SmartCIG and carnet end-to-end tests. */
export const RUP = 'GVNMRC70A01D612Q';
export const CDC = 'CDC-TOSCANA-CONTRATTI';
export const CDC_TECNOLOGIE = 'CDC-TOSCANA-TECNOLOGIE';
export const GIORNO_MS = 24 * 3600 * 1000;

/** Environment of the tests: a fast deadline scheduler and no rate limit in the way. */
export const ENV_REGIMI = { SCADENZE_TICK_MS: '20', RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000' };

export const datiSmartCig = (overrides: Record<string, unknown> = {}) => ({
  fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA',
  importo: '1500.00',
  oggetto: 'stampe digitali',
  procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO',
  oggettoPrincipale: 'SERVIZI',
  ...overrides,
});

export function must(res: TestResponse, status: number, what: string): Record<string, any> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
  return res.body as Record<string, any>;
}

/** A SIMOG gara with `lotti` lots; returns its id and the lots' CIGs. */
export async function garaSimog(client: UserClient, lotti = 1, cdc = CDC): Promise<{ id: string; numeroGara: string; cig: string[] }> {
  const gara = must(await client.request('POST', '/simog/gare', { oggetto: 'Servizi di pulizia delle sedi', importoComplessivo: '120000.00', centroDiCosto: cdc, rup: RUP }), 201, 'gara');
  const cig: string[] = [];
  for (let n = 1; n <= lotti; n++) {
    const l = must(await client.request('POST', `/simog/gare/${gara.id}/lotti`, { oggetto: `Lotto ${n}`, importo: '40000.00', oggettoPrincipale: 'SERVIZI', cpv: '90910000-9' }), 201, `lotto ${n}`);
    cig.push(l.cig);
  }
  return { id: gara.id, numeroGara: gara.numeroGara, cig };
}
