/**
 * The import of ANAC's open data (the `cig` dataset) into the event store: used by the service's
 * POST /admin/import, the CLI's `importa` and bench:import. Apart from libs/anac, which reads ANAC's
 * formats and speaks to ANAC only, because it writes the log.
 */
export { importaCigAnac, type EsitoImportazione, type OpzioniImportazione, type Progresso, type RigaScartata } from './importatore.js';
