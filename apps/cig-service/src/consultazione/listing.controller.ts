import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ETICHETTE,
  esportaCsv,
  leggiFiltriListing,
  MODALITA,
  ORDINAMENTI,
  paginaListing,
  STATI_LOTTO,
  STATI_RICHIESTA,
  type AmbitoVisibilita,
} from '#read-models';
import { prendiClient, rilasciaClient, type Attore } from '#platform';
import { ReadYourWrites } from '../http/read-your-writes.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { leggeTutto } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { CHIAVI, type Chiavi } from './chiavi.js';
import { scriviFlusso } from './flusso.js';

const DESCRIZIONI: Readonly<Record<string, string>> = {
  codice: "ID Appalto della richiesta (UUID)",
  oggetto: 'contiene, senza distinguere maiuscole e accenti',
  numeroGara: 'N° gara ANAC (id appalto ANAC), uguale',
  cig: 'CIG o SmartCIG, uguale',
  cigUtilizzato: 'si | no',
  statoRichiesta: `uno o più, separati da virgola: ${STATI_RICHIESTA.join(', ')}`,
  stato: 'vecchio nome di statoRichiesta',
  statoLotto: `uno o più, separati da virgola: ${STATI_LOTTO.join(', ')}`,
  rup: 'codice fiscale (uguale) o parte del nome (contiene)',
  modalita: MODALITA.join(' | '),
  dataInvioDa: 'GG/MM/AAAA o AAAA-MM-GG, giorno incluso', dataInvioA: 'giorno incluso',
  scadenzaDa: 'GG/MM/AAAA o AAAA-MM-GG, giorno incluso', scadenzaA: 'giorno incluso',
  valoreDa: 'euro, es. 1234,56', valoreA: 'euro, incluso',
  esitoAnac: "KO: le richieste respinte da ANAC (fino alla conferma riuscita)",
};

/** A decorator per search parameter, for the OpenAPI description of both the listing and its CSV. */
const ParametriDiRicerca = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const nome of Object.keys(ETICHETTE)) ApiQuery({ name: nome, required: false, description: `${ETICHETTE[nome]}: ${DESCRIZIONI[nome] ?? ''}` })(target, key, descriptor);
  ApiQuery({ name: 'ordina', required: false, enum: ORDINAMENTI })(target, key, descriptor);
  ApiQuery({ name: 'verso', required: false, enum: ['asc', 'desc'] })(target, key, descriptor);
  ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })(target, key, descriptor);
};

/**
 * The START listing (manuale START Richiedi CIG §2.3–2.4): one row per lot/CIG, every filter of PARAMETRI DI
 * RICERCA in any combination, sort by any date or amount, keyset pages with a total; the same
 * rows as CSV; and the history of one CIG as of a date. Every query sees only the caller's office
 * unless the caller's role reads everything.
 */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class ListingController {
  constructor(
    private readonly ryw: ReadYourWrites,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  @Get()
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Lista dei CIG: una riga per lotto, filtri di PARAMETRI DI RICERCA, ordinamento, pagine (cursore) e totale' })
  @ParametriDiRicerca()
  @ApiQuery({ name: 'limite', required: false, description: 'righe per pagina (predefinito 20)' })
  @ApiQuery({ name: 'cursore', required: false, description: 'pagina successiva: il valore di pagina.successiva' })
  async elenco(@AttoreCorrente() attore: Attore, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const richiesta = leggiFiltriListing(query, { pagine: true, limiteMax: this.runtime.config.LISTING_PAGE_MAX });
    await this.ryw.attendi(query.attendi as string | undefined, ['listing'], res);
    return paginaListing(this.runtime.database.pool, richiesta, ambito(attore), this.chiavi.cursori, { limiteConteggio: this.runtime.config.LISTING_COUNT_MAX });
  }

  @Get('export.csv')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'ESPORTA CSV: le righe della lista con gli stessi filtri (separatore ;, date GG/MM/AAAA, decimali con la virgola, UTF-8 con BOM)' })
  @ApiProduces('text/csv')
  @ParametriDiRicerca()
  async esporta(@AttoreCorrente() attore: Attore, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const richiesta = leggiFiltriListing(query, { pagine: false, limiteMax: 0 });
    await this.ryw.attendi(query.attendi as string | undefined, ['listing'], res);
    const client = await prendiClient(this.runtime.database.pool);
    try {
      res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="cig.csv"');
      await scriviFlusso(res, esportaCsv(client, richiesta, ambito(attore)));
    } finally {
      rilasciaClient(client);
    }
  }
}

/** Operational roles see their office's rows; auditors, RPCT and administrators see every row. */
export function ambito(attore: Attore): AmbitoVisibilita {
  return leggeTutto(attore) ? {} : { ufficio: attore.ufficio };
}
