import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { nonTrovato, numeroCarnet } from '#domain';
import type { Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio, leggeTutto } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { pdfCarnet } from './carnet-pdf.js';
import { CarnetService, ETICHETTA_CARNET, ETICHETTA_CIG } from './carnet.service.js';
import { DatiSmartCigDto, MotivoDto, RichiediCarnetDto } from './regimi.dto.js';
import { TrasmissioniSimog } from '../anac-simog/trasmissioni-simog.js';

/**
 * Carnets of SmartCIG (nota SMART CIG 2011, "gestione carnet di smart cig"). `:numero` is `CARNET/0000555`
 * URL-encoded, or `CARNET-0000555`, or `0000555`; `GET /carnet/:numero.pdf` is the PDF.
 */
@ApiTags('carnet')
@ApiBearerAuth()
@Controller('carnet')
export class CarnetController {
  constructor(
    private readonly carnet: CarnetService,
    private readonly ryw: ReadYourWrites,
    private readonly log: TrasmissioniSimog,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Post()
  @Permesso('carnet.richiedi')
  @ApiOperation({ summary: 'Richiedi nuovo carnet: 50 SmartCIG utilizzabili subito, validi 90 giorni (massimo 2 attivi per RUP e CdC)' })
  richiedi(@Body() body: RichiediCarnetDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.carnet.richiedi(body, attore, meta);
  }

  @Get()
  @Permesso('carnet.leggi')
  @ApiOperation({ summary: 'Lista CARNET: numero, data creazione, data scadenza, dimensione, stato' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async elenco(@AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.ryw.attendi(attendi, ['carnet'], res);
    const tutti = leggeTutto(attore);
    const { rows } = await this.runtime.database.pool.query(
      `SELECT numero, data_creazione AS "dataCreazione", data_scadenza AS "dataScadenza", dimensione, stato, termine_rendicontazione AS "termineRendicontazione",
              rup_nome AS rup, cdc_denominazione AS "centroDiCosto", non_rendicontati AS "cigNonRendicontati", comunicati AS "cigComunicati", annullati AS "cigAnnullati"
         FROM rm_carnet ${tutti ? '' : 'WHERE ufficio = $1'} ORDER BY data_creazione DESC, numero DESC LIMIT 500`,
      tutti ? [] : [attore.ufficio],
    );
    return rows.map((r) => ({ ...r, descrizioneStato: ETICHETTA_CARNET[r.stato as string] }));
  }

  @Get(':numero')
  @Permesso('carnet.leggi')
  @ApiOperation({ summary: 'Dettaglio CARNET (conteggi e CIG con oggetto e stato); con suffisso .pdf il documento PDF' })
  async dettaglio(@Param('numero') param: string, @AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (param.toLowerCase().endsWith('.pdf')) {
      const k = await this.carnet.carica(param.slice(0, -4), attore, 'carnet.leggi');
      const pdf = await pdfCarnet(k, this.runtime.clock.now());
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${k.numero.replace('/', '-')}.pdf"`);
      res.send(pdf);
      return undefined;
    }
    await this.ryw.attendi(attendi, ['carnet'], res);
    const numero = numeroCarnet(param) ?? param;
    const { rows } = await this.runtime.database.pool.query('SELECT * FROM rm_carnet WHERE numero = $1', [numero]);
    if (rows.length === 0) throw nonTrovato('CARNET_NON_TROVATO', `Carnet ${numero} non trovato`);
    const k = rows[0];
    autorizzaSuUfficio(attore, 'carnet.leggi', k.ufficio);
    const codici = await this.runtime.database.pool.query(
      `SELECT cig, COALESCE(oggetto, '-') AS oggetto, stato, importo::text AS importo, comunicato_il AS "comunicatoIl", tardiva FROM rm_carnet_cig WHERE numero = $1 ORDER BY ordine`,
      [numero],
    );
    return {
      numero: k.numero, dataCreazione: k.data_creazione, dataScadenza: k.data_scadenza, termineRendicontazione: k.termine_rendicontazione, dimensione: k.dimensione,
      stato: k.stato, descrizioneStato: ETICHETTA_CARNET[k.stato], rup: { nome: k.rup_nome, codiceFiscale: k.rup_cf },
      centroDiCosto: { codice: k.cdc_codice, denominazione: k.cdc_denominazione }, cigNonRendicontati: k.non_rendicontati, cigComunicati: k.comunicati, cigAnnullati: k.annullati,
      cig: codici.rows.map((c) => ({ ...c, descrizioneStato: ETICHETTA_CIG[c.stato as string] })),
    };
  }

  @Get(':numero/trasmissioni')
  @Permesso('carnet.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI del carnet con SmartCIG' })
  async trasmissioni(@Param('numero') numero: string, @AttoreCorrente() attore: Attore) {
    const k = await this.carnet.carica(numero, attore, 'carnet.leggi');
    return this.log.elenco(k.richiestaId);
  }

  @Post(':numero/cig/:cig/comunica')
  @Permesso('carnet.comunica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Utilizza un CIG del carnet: comunica i dati SmartCIG (dopo 30 giorni dalla scadenza: comunicazione tardiva)' })
  comunica(@Param('numero') numero: string, @Param('cig') cig: string, @Body() body: DatiSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.carnet.comunica(numero, cig, body, attore, meta);
  }

  @Post(':numero/cig/:cig/annulla')
  @Permesso('carnet.comunica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annulla un CIG del carnet non utilizzato' })
  annulla(@Param('numero') numero: string, @Param('cig') cig: string, @Body() body: MotivoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.carnet.annulla(numero, cig, body?.motivo, attore, meta);
  }
}
