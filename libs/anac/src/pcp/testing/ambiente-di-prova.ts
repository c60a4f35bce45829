import type { Lotto } from '#domain';
import { ManualClock, seededRandom, SequentialIds } from '#platform';
import type { AnacCallContext } from '../../gateway/anac-gateway.js';
import { PcpHttpClient, type PcpHttpClientOptions } from '../pcp-http-client.js';
import { RateLimiter } from '../rate-limiter.js';
import type { AppaltoPerAnac } from '../scheda-comune.js';
import { TrackingJwsSigner } from '../tracking-jws.js';

/**
 * Test support for libs/anac specs (not exported by the library): a client wired with a manual
 * clock, sequential ids, a seeded random and a `sleep` that only advances the clock and records
 * the delay; plus appalto mothers. The SA and RUP are those of the simulator's default registry.
 */
export const SA_TOSCANA = { codiceFiscale: '01386030488', codiceAusa: '0000246180', denominazione: 'Regione Toscana' };
export const RUP_TOSCANA = 'GVNMRC70A01D612Q';
export const RUP_NON_REGISTRATO = 'RSSNNA75C45D612J';
export const VOUCHER_DI_PROVA = 'voucher-pdnd-di-prova';

export const contestoDiProva = (rup = RUP_TOSCANA): AnacCallContext => ({
  rup: { codiceFiscale: rup, nome: 'Marco Giovannini' },
  stazioneAppaltante: { codiceFiscale: SA_TOSCANA.codiceFiscale, codiceAusa: SA_TOSCANA.codiceAusa },
});


export interface ClienteDiProva {
  readonly client: PcpHttpClient;
  readonly clock: ManualClock;
  /** Every delay the client slept, in order (retries and rate-limit waits). */
  readonly attese: number[];
}

export function clienteDiProva(
  url: string,
  clock: ManualClock,
  chiavi: { privateKeyPem: string; kid: string },
  opzioni: Partial<PcpHttpClientOptions> = {},
): ClienteDiProva {
  const attese: number[] = [];
  const client = new PcpHttpClient({
    baseUrl: url,
    voucher: VOUCHER_DI_PROVA,
    jws: new TrackingJwsSigner({ ...chiavi, regCodicePiattaforma: '0000001', regCodiceComponente: '0000001', clock, ids: new SequentialIds() }),
    rateLimiter: new RateLimiter({ requestsPerSecond: 1_000, burst: 1_000, clock }),
    clock,
    random: seededRandom(42),
    sleep: async (ms) => {
      attese.push(ms);
      clock.advance(ms);
    },
    timeoutMs: 2_000,
    ...opzioni,
  });
  return { client, clock, attese };
}

const lottoBase = (i: number, o: Partial<Lotto> = {}): Lotto => ({
  lotIdentifier: `LOT-${String(i).padStart(4, '0')}`,
  oggetto: `Lotto ${i} - pulizia sede ${i}`,
  oggettoContratto: 'SERVIZI',
  importo: '10000',
  cpv: '90910000-9',
  luogoIstat: '050026',
  ...o,
});

/** An AD5 direct award (one lot, one awardee, 1 250.50 €). */
export function appaltoAd5(o: Partial<AppaltoPerAnac> = {}): AppaltoPerAnac {
  return {
    codiceAppalto: 'CIGL-AD5-000001',
    scheda: 'AD5',
    tipoProcedura: 'AFFIDAMENTO_DIRETTO',
    stazioneAppaltante: SA_TOSCANA,
    centroDiCosto: { codice: 'A1B2C3D4-0001-4C00-8000-000000246180', denominazione: 'Economato' },
    datiGara: { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    classificazione: [{ codice: '30192000-1', principale: true }, { codice: '30197000-6', principale: false }],
    lotti: [
      lottoBase(1, {
        oggetto: 'Fornitura di materiale di cancelleria',
        oggettoContratto: 'FORNITURE',
        importo: '1250.5',
        cpv: '30192000-1',
        aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.5' }] },
      }),
    ],
    ...o,
  };
}

/** An open procedure below the EU threshold (P2_16) with `n` service lots of 10 000 €. */
export function appaltoP2_16(n = 3, o: Partial<AppaltoPerAnac> = {}): AppaltoPerAnac {
  return {
    codiceAppalto: 'CIGL-P216-000001',
    scheda: 'P2_16',
    tipoProcedura: 'APERTA',
    stazioneAppaltante: SA_TOSCANA,
    centroDiCosto: { codice: 'A1B2C3D4-0001-4C00-8000-000000246180', denominazione: 'Economato' },
    datiGara: { oggetto: `Servizi di pulizia - ${n} lotti`, settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' },
    classificazione: [{ codice: '90910000-9', principale: true }],
    lotti: Array.from({ length: n }, (_, i) => lottoBase(i + 1)),
    terminiInvio: { scadenzaPresentazioneOfferte: '2036-12-15T12:00:00Z' },
    urlDocumenti: 'https://appalti.example.it/gara/CIGL-P216-000001',
    ...o,
  };
}
