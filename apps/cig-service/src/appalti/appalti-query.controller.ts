import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { cigDisponibili, importoComplessivo, statoRichiesta, type AppaltoEsistente } from '#domain';
import { UuidPipe, type Attore } from '#platform';
import { ReadYourWrites } from '../http/read-your-writes.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { PraticheStore, type Pratica } from '../anac/pratiche.store.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { AppaltiService } from './appalti.service.js';

const GIORNO = 24 * 3600 * 1000;
/** ANAC deletes a confirmed appalto that was never published after 90 days. */
const GIORNI_ELIMINAZIONE_ANAC = 90;

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class AppaltiQueryController {
  constructor(
    private readonly appalti: AppaltiService,
    private readonly ryw: ReadYourWrites,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Get(':id')
  @Permesso('appalto.leggi')
  @ApiOperation({ summary: 'La richiesta, dai suoi eventi: stato, lotti e CIG, attesa di ANAC, errori di ANAC' })
  async dettaglio(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore) {
    const a = await this.appalti.carica(id, attore, 'appalto.leggi');
    const pratiche = await new PraticheStore(this.runtime.database.pool).diAppalto(id);
    return vista(a, pratiche, this.runtime.clock.now(), this.runtime.config.ANAC_ATTESA_ALLARME_ORE);
  }

  @Get(':id/trasmissioni')
  @Permesso('appalto.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI: ogni scambio con ANAC, con esito e descrizione' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async trasmissioni(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.appalti.carica(id, attore, 'appalto.leggi');
    await this.ryw.attendi(attendi, ['trasmissioni'], res);
    const { rows } = await this.runtime.database.pool.query(
      `SELECT il AS "dataTrasmissione", contesto, esito AS messaggio, descrizione, operazione, http_status AS "httpStatus", request_id AS "requestId",
              durata_ms AS "durataMs", tentativo, per_conto_di AS "perContoDi", message_id AS "messageId", transaction_id AS "transactionId",
              errori, richiesta, risposta
         FROM rm_trasmissioni WHERE appalto_id = $1 ORDER BY il DESC, posizione DESC`,
      [id],
    );
    return rows;
  }
}

function vista(a: AppaltoEsistente, pratiche: readonly Pratica[], adesso: Date, sogliaOre: number) {
  const attiva = pratiche.find((p) => p.stato === 'ATTIVA');
  const inAcquisizione = a.operazioneInCorso?.operazione === 'CONFERMA';
  const cigDi = new Map(a.cig.map((c) => [c.lotIdentifier, c.cig]));
  const attesaOre = attiva?.inAttesaDal ? (adesso.getTime() - attiva.inAttesaDal.getTime()) / 3_600_000 : undefined;
  const daPubblicare = a.tipoProcedura !== 'AFFIDAMENTO_DIRETTO' && a.stato === 'CONF' && a.confermatoIl;
  return {
    id: a.appaltoId,
    regime: a.regime,
    scheda: a.scheda,
    tipoProcedura: a.tipoProcedura,
    stato: a.stato,
    statoRichiesta: statoRichiesta(a),
    stazioneAppaltante: a.stazioneAppaltante,
    centroDiCosto: a.centroDiCosto,
    ufficio: a.ufficio,
    rup: a.rup,
    creatoDa: a.creatoDa,
    datiGara: a.datiGara,
    importoComplessivo: importoComplessivo(a),
    classificazione: a.classificazione,
    idProcedura: a.idProcedura ?? null,
    idAppaltoAnac: a.idAppaltoAnac ?? null,
    idAvviso: a.idAvviso ?? null,
    cigDisponibili: cigDisponibili(a),
    lotti: a.lotti.map((l) => ({
      ...l,
      // seed 004: while ANAC cannot be reached the procedure goes on with the CIG "in fase di acquisizione".
      cig: cigDi.get(l.lotIdentifier) ?? (inAcquisizione ? 'CIG in fase di acquisizione' : null),
    })),
    cigSostituiti: a.cigSostituiti,
    operazioneInCorso: a.operazioneInCorso
      ? {
          ...a.operazioneInCorso,
          passo: attiva?.passo ?? null,
          ultimoMessaggio: attiva?.ultimoErrore ?? null,
          inAttesaAnacDal: attiva?.inAttesaDal?.toISOString() ?? null,
          inAttesaAnacDaOre: attesaOre === undefined ? null : Math.floor(attesaOre),
          descrizioneAttesa: attesaOre === undefined ? null : `in attesa ANAC da ${Math.floor(attesaOre)} ore`,
          allarme: attesaOre !== undefined && attesaOre >= sogliaOre,
          prossimoTentativo: attiva?.prossimoTentativo.toISOString() ?? null,
        }
      : null,
    ultimoEsitoAnac: a.ultimoEsitoAnac ?? null,
    verifica: a.verifica ?? null,
    eliminazioneAnacPrevista: daPubblicare
      ? { il: new Date(new Date(a.confermatoIl!).getTime() + GIORNI_ELIMINAZIONE_ANAC * GIORNO).toISOString(), giorniRimanenti: Math.max(0, GIORNI_ELIMINAZIONE_ANAC - Math.floor((adesso.getTime() - new Date(a.confermatoIl!).getTime()) / GIORNO)) }
      : null,
    date: { creatoIl: a.creatoIl, modificatoIl: a.modificatoIl, inviatoIl: a.inviatoIl ?? null, confermatoIl: a.confermatoIl ?? null, pubblicatoIl: a.pubblicatoIl ?? null },
  };
}
