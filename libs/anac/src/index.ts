// Public surface of the ANAC library, imported elsewhere as '#anac'.
export { validaCig, isCigValido, generaCig, controlloCig } from './cig/cig-code.js';
export type { FamigliaCig, EsitoValidazioneCig } from './cig/cig-code.js';

// The gateway port and its failure classification.
export type {
  AnacGateway, AnacCallContext, AnacResult, AnacCall, EsitoChiamata, OperazionePcp, SchedaPcp, TipologicaPcp, TipoOperazionePcp,
  RichiestaEsito, EsitoPcp, EsitoOperazione, StatoPcp, AppaltoTrovato, AppaltoConsultato,
} from './gateway/anac-gateway.js';
export { classificaFallimento, categoriaCodice, descriviErrori, problemaDiRete } from './gateway/classificazione-errori.js';
export type { AnacFailure, CategoriaFallimento, ProblemaChiamata } from './gateway/classificazione-errori.js';
export { DESCRIZIONI_ERRORI_ANAC, descrizioneErrore } from './gateway/descrizioni-errori.js';

// The PCP HTTP adapter.
export { PcpHttpClient } from './pcp/pcp-http-client.js';
export type { PcpHttpClientOptions, VoucherProvider } from './pcp/pcp-http-client.js';
export { PERCORSI_E_SERVICE, OPERAZIONI_PCP, type EServicePcp } from './pcp/operazioni-pcp.js';
export { RateLimiter, type RateLimiterOptions } from './pcp/rate-limiter.js';
export { RETRY_PREDEFINITO, backoffDelayMs, attesaPrimaDelRetry, parseRetryAfter, type RetryOptions } from './pcp/retry-policy.js';
export { TrackingJwsSigner, generateDevKeyPair, BUSINESS_FLOW_INIZIALE, DURATA_MASSIMA_JWS_S } from './pcp/tracking-jws.js';
export type { TrackingJwsOptions, ChiamataTracciata } from './pcp/tracking-jws.js';

// Appalto → PCP scheda.
export { schedaPcp, SchedaNonMappabile, type AppaltoPerAnac } from './pcp/scheda-pcp.js';
export { idPartecipante } from './pcp/scheda-affidamenti.js';
export { codiceIstatAnac } from './pcp/codice-istat.js';

// SIMOG and SmartCIG (2011–2023): gateway port and HTTP client; ANAC open data import.
export type { SimogGateway, SimogCallContext, SimogCall, SimogFailure, SimogResult, OperazioneSimog, CarnetEmesso } from './simog/simog-gateway.js';
export { SimogHttpClient, percorsoSimog, type SimogHttpClientOptions } from './simog/simog-http-client.js';
export { CsvNonValido, isMalformata, leggiCsv, suggerimentoSeparatore, type RecordCsv, type RigaMalformata, type VoceCsv } from './opendata/csv-parser.js';
export { COLONNE_CIG, indiceColonne, leggiData, leggiImporto, leggiRigaCig, type RigaLetta } from './opendata/riga-cig.js';
export { campioneCigAnac, type OpzioniCampione } from './opendata/campione.js';

// Reading ANAC's answers again from the transmission log.
export { leggiEsiti } from './pcp/risposte-pcp.js';

// ANAC's validation rules of the PCP schede (DMN tables loaded from ANAC_REGOLE_DIR).
export { caricaRegoleAnac, descriviIdentita, leggiTabelleDmn, statisticheCompilazione, valutaTabella, valutaTabellaInterpretata, cartellaTabelle } from './regole-dmn/motore-dmn.js';
export type { IdentitaRegole, InsiemeRegoleAnac, OpzioniCaricamento, RegolaDmn, StatisticheCompilazione, TabellaDmn, ViolazioneDmn } from './regole-dmn/motore-dmn.js';
export { caricaRegoleSchede, inputDellaScheda, problemiRegoleAnac, SCHEDE_CON_REGOLE, type RegoleAnac } from './regole-dmn/regole-anac.js';
export { problemiTipologicheScheda, tipologicheDellaScheda, type TipologicaNellaScheda } from './regole-dmn/tipologiche-scheda.js';
