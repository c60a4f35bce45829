export { createReadModelDataSource, migraModelliDiLettura, migrateReadModels, readModelMigrations, type Migrazione } from './data-source.js';
export { listingProjection, applicaListing, PREFISSI_LISTING } from './listing/listing.projection.js';
// Listing queries, CSV export, audit trail, history, rebuilds
export { leggiFiltriListing, ETICHETTE, MODALITA, ORDINAMENTI, STATI_RICHIESTA, type FiltriListing, type RichiestaListing, type Ordinamento } from './listing/listing-filtri.js';
export { STATI_LOTTO } from './listing/listing-righe.js';
export { paginaListing, type PaginaListing } from './listing/listing-query.js';
export { BOM, esportaCsv, INTESTAZIONE_CSV } from './listing/listing-csv.js';
export type { AmbitoVisibilita } from './listing/listing-sql.js';
export { CursoreFirmato } from './cursore-firmato.js';
export { ParametroNonValido, type ErroreParametro } from './parametro-non-valido.js';
export { LettoreParametri } from './parametri.js';
export { auditProjection, type OpzioniAudit } from './audit/audit.projection.js';
export { caricaFirmaAudit, FirmaAudit, idChiave, verificaCheckpoint, type CheckpointAudit } from './audit/audit-firma.js';
export { hashFogliaRecord, hashRecord, jsonCanonico, HASH_INIZIALE, SELECT_RECORD, type RecordAudit } from './audit/audit-record.js';
export { VerificaCatena, type EsitoVerifica, type ProblemaAudit, type TipoProblema } from './audit/audit-catena.js';
export {
  aggiungiFoglie, AlberoInMemoria, conNodi, hashFoglia, hashNodo, nodiCompletati, nodiFrontiera, percorsoInclusione, provaConsistenza, radice as radiceMerkle, RADICE_VUOTA,
  verificaConsistenza, verificaInclusione, type Hash, type SorgenteNodi,
} from './audit/merkle.js';
export {
  dimensioneAlbero, documentoConsistenza, documentoInclusione, ProvaNonDisponibile, testaFirmata, MAX_PROVE_INCLUSIONE,
} from './audit/audit-merkle.js';
export { blocchiPem, firmaTesta, portachiavi, verificaTesta, FORMATO_STH, byteDaFirmare, type TestaFirmata, type EsitoFirmaTesta } from './audit/audit-sth.js';
export { byteControfirma, controfirma, verificaControfirma, testaNuda, FORMATO_CONTROFIRMA, type RispostaTestimone, type EsitoControfirma } from './audit/audit-controfirma.js';
export { testaATempo } from './audit/audit-sth-tempo.js';
export {
  confrontaTeste, verificaDocumentoConsistenza, verificaDocumentoInclusione, FORMATO_CONSISTENZA, FORMATO_INCLUSIONE,
  type DocumentoConsistenza, type DocumentoInclusione, type EsitoConsistenza, type EsitoInclusione, type TipoEsitoConsistenza,
} from './audit/audit-prove.js';
export { verificaAudit } from './audit/audit-verifica.js';
export { esportaAudit, FORMATO_EXPORT } from './audit/audit-export.js';
export { verificaExport } from './audit/audit-export-verifica.js';
export { leggiFiltriAudit, paginaAudit, type RichiestaAudit } from './audit/audit-query.js';
export { statoAudit, type StatoAudit, type VerificaRegistrata } from './audit/audit-stato.js';
export { storiaCig, type BaseTemporale, type StoriaCig } from './storia/storia-cig.js';
export { numeroCarnetDelCig, storiaCigDelCarnet, vistaCigDelCarnet } from './storia/storia-carnet.js';
export { ricostruisci, RicostruzioneInCorso, type ProiezioneRicostruibile, type StatoRicostruzione, type FaseRicostruzione } from './ricostruzione/ricostruzione.js';
export { riproduci } from './ricostruzione/riproduzione.js';
export { creaOmbre, creaIndici } from './ricostruzione/tabelle-ombra.js';
export { proiezioneAudit, proiezioneListing, proiezioneTrasmissioni, proiezioniRicostruibili, segretoCursori } from './catalogo.js';
export { apriContestoOffline, type ContestoOffline } from './contesto-offline.js';
export { trasmissioniProjection } from './trasmissioni/trasmissioni.projection.js';
export { applicaRegimiStorici, PREFISSI_REGIMI_STORICI } from './listing/listing-regimi.js';
export { carnetProjection } from './carnet/carnet.projection.js';
