import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isCigValido, validaCig } from '#anac';
import { appaltoDecider, appaltoStream, cigDecider, cigDisponibili, cigStream, nonTrovato, nonValido } from '#domain';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio, leggeTutto } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { UtilizzaCigDto } from '../appalti/appalto.dto.js';

const STATI_RICHIESTA = ['Bozza', 'Richiesta', 'Perfezionata', 'Annullata', 'Scaduta'];

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class CigController {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly ryw: ReadYourWrites,
    private readonly consumers: ConsumerRegistry,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Get()
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Elenco dei CIG (una riga per lotto), filtri per stato, CIG e RUP' })
  @ApiQuery({ name: 'stato', required: false, enum: STATI_RICHIESTA })
  @ApiQuery({ name: 'cig', required: false })
  @ApiQuery({ name: 'rup', required: false, description: 'nome o codice fiscale del RUP (contiene)' })
  @ApiQuery({ name: 'attendi', required: false })
  async elenco(@AttoreCorrente() attore: Attore, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const noti = new Set(['stato', 'cig', 'rup', 'attendi']);
    const ignoti = Object.keys(query).filter((k) => !noti.has(k));
    if (ignoti.length > 0) throw nonValido('FILTRO_SCONOSCIUTO', `Filtri non previsti: ${ignoti.join(', ')}`, ignoti.map((k) => ({ sezione: 'dati di gara', campo: `query.${k}`, messaggio: 'filtro non previsto', codice: 'FILTRO_SCONOSCIUTO' })));
    if (query.stato && !STATI_RICHIESTA.includes(query.stato)) throw new BadRequestException(`stato: ammessi ${STATI_RICHIESTA.join(', ')}`);
    await this.ryw.attendi(query.attendi, ['listing'], res);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (!leggeTutto(attore)) add('ufficio = ?', attore.ufficio);
    if (query.stato) add('stato_richiesta = ?', query.stato);
    if (query.cig) add('cig = ?', query.cig.toUpperCase());
    if (query.rup) add("(rup_cf ILIKE ? OR rup_nome ILIKE $" + (params.length + 1) + ')', `%${query.rup}%`);
    const { rows } = await this.runtime.database.pool.query(
      `SELECT appalto_id AS "idAppalto", lot_identifier AS "lotIdentifier", cig, oggetto_procedura AS "oggettoProcedura", oggetto_lotto AS "oggettoLotto",
              sa_denominazione AS "stazioneAppaltante", cdc_denominazione AS "centroDiCosto", id_appalto_anac AS "idAppaltoAnac",
              stato_appalto AS "statoAppalto", stato_richiesta AS "statoRichiesta", stato_lotto AS "statoLotto", tipologia_procedura AS "tipologiaProcedura",
              importo_complessivo AS "importoComplessivo", valore, rup_nome AS "rup", rup_cf AS "rupCodiceFiscale", creato_da AS "creatoDa",
              data_creazione AS "dataCreazione", data_invio_richiesta AS "dataInvioRichiesta", data_ultima_modifica AS "dataUltimaModifica",
              data_ultima_trasmissione AS "dataUltimaTrasmissione", cig_utilizzato AS "cigUtilizzato", cig_disponibile AS "cigDisponibile"
         FROM rm_cig_listing ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY data_creazione DESC, appalto_id, lot_identifier LIMIT 200`,
      params,
    );
    return { criteri: { ...query }, risultati: rows };
  }

  @Get(':cig')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Un CIG, dai suoi eventi' })
  async dettaglio(@Param('cig') codice: string, @AttoreCorrente() attore: Attore) {
    const { cig, stato, appalto } = await this.carica(codice, attore, 'cig.leggi');
    return { ...stato, appalto: { id: appalto.appaltoId, oggetto: appalto.datiGara.oggetto, stato: appalto.stato } };
  }

  @Post(':cig/utilizza')
  @Permesso('cig.utilizza')
  @HttpCode(200)
  @ApiOperation({ summary: 'Collega il CIG alla procedura o al contratto che identifica (CIG utilizzato)' })
  async utilizza(@Param('cig') codice: string, @Body() body: UtilizzaCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    const { cig, appalto } = await this.carica(codice, attore, 'cig.utilizza');
    const contesto = { now: this.runtime.clock.now(), newId: () => this.runtime.ids.uuid(), cigValido: isCigValido };
    const esito = await this.aggregates.execute(cigStream(cig), cigDecider, { type: 'UtilizzaCig', ...body, disponibile: cigDisponibili(appalto) }, contesto, meta);
    return { cig, posizione: esito.position };
  }

  private async carica(codice: string, attore: Attore, azione: 'cig.leggi' | 'cig.utilizza') {
    const valido = validaCig(codice);
    if (!valido.valido) {
      throw nonValido('CIG_NON_VALIDO', `Codice CIG non valido: ${valido.motivo}`, [{ sezione: 'lotti', campo: 'cig', messaggio: valido.motivo, codice: 'CIG_NON_VALIDO' }]);
    }
    const cig = valido.codice;
    let { state } = await this.aggregates.load(cigStream(cig), cigDecider);
    if (!state.esiste) {
      // A CIG just assigned gets its stream from the registro-cig consumer: wait for it (bounded).
      const head = await this.runtime.eventStore.headPosition();
      if (head) await this.consumers.waitForAll(head, this.runtime.config.READ_WAIT_MAX_MS, ['registro-cig']);
      ({ state } = await this.aggregates.load(cigStream(cig), cigDecider));
    }
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    const { state: appalto } = await this.aggregates.load(appaltoStream(state.appaltoId), appaltoDecider);
    if (!appalto.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, appalto.ufficio);
    const { esiste: _e, ...stato } = state;
    return { cig, stato, appalto };
  }
}
