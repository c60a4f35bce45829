import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { appaltoDecider, appaltoStream, cigDecider, cigDisponibili, cigStream, nonTrovato } from '#domain';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { UtilizzaCigDto } from '../appalti/appalto.dto.js';
import { CarnetDelCig } from '../regimi-storici/carnet-del-cig.js';
import { CigLoader } from '../regimi-storici/cig-loader.js';
import { vistaCigDelCarnet } from '#read-models';

/** One CIG and its commands. The listing, its CSV and a CIG's history are in consultazione/. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class CigController {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly consumers: ConsumerRegistry,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly loader: CigLoader,
    private readonly carnets: CarnetDelCig,
  ) {}

  @Get(':cig')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Un CIG di qualsiasi regime (PCP, SIMOG, SmartCIG singolo o di un carnet, registrato a mano o importato), dai suoi eventi' })
  async dettaglio(@Param('cig') codice: string, @AttoreCorrente() attore: Attore) {
    // A code of a carnet lives in the carnet's stream: read under the carnet's office.
    const cig = this.loader.codice(codice);
    const { state } = await this.aggregates.load(cigStream(cig), cigDecider);
    const carnet = state.esiste ? undefined : await this.carnets.trova(cig);
    if (carnet) {
      autorizzaSuUfficio(attore, 'cig.leggi', carnet.ufficio);
      return vistaCigDelCarnet(carnet, cig);
    }
    const { stato, appalto } = await this.carica(codice, attore, 'cig.leggi');
    // SIMOG, SmartCIG, carnet, hand-registered and imported codes have no PCP appalto behind them.
    return appalto ? { ...stato, appalto: { id: appalto.appaltoId, oggetto: appalto.datiGara.oggetto, stato: appalto.stato } } : stato;
  }

  @Post(':cig/utilizza')
  @Permesso('cig.utilizza')
  @HttpCode(200)
  @ApiOperation({ summary: 'Collega il CIG alla procedura o al contratto che identifica (CIG utilizzato)' })
  async utilizza(@Param('cig') codice: string, @Body() body: UtilizzaCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    const { cig, appalto } = await this.carica(codice, attore, 'cig.utilizza');
    if (!appalto) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    // Available since a moment: the registro-cig consumer may still be recording its perfection.
    if (cigDisponibili(appalto)) await this.attendiRegistro(() => this.aggregates.load(cigStream(cig), cigDecider).then(({ state }) => state.esiste && state.perfezionato));
    const esito = await this.aggregates.execute(cigStream(cig), cigDecider, { type: 'UtilizzaCig', ...body, disponibile: cigDisponibili(appalto) }, this.loader.contesto(), meta);
    return { cig, posizione: esito.position };
  }

  /**
   * Waits, bounded, until `fatto` holds, for what the registro-cig consumer writes after an appalto
   * event. The log's head is read again each time: the appalto event may not be below the horizon yet.
   */
  private async attendiRegistro(fatto: () => Promise<boolean>): Promise<void> {
    const entro = Date.now() + Math.min(this.runtime.config.READ_WAIT_MAX_MS, 1_500);
    while (!(await fatto()) && Date.now() < entro) {
      const head = await this.runtime.eventStore.headPosition();
      if (head) await this.consumers.waitForAll(head, Math.max(0, entro - Date.now()), ['registro-cig']);
      if (!(await fatto())) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * The CIG and, for a PCP code, its appalto, once the caller may act on them. A code with no PCP
   * appalto (SIMOG, SmartCIG, carnet, registered by hand, imported) is read under the office of
   * its request or import, as GET /simog/cig/:cig does; acting on it here is a 404.
   */
  private async carica(codice: string, attore: Attore, azione: 'cig.leggi' | 'cig.utilizza') {
    const cig = this.loader.codice(codice);
    // A CIG just assigned gets its stream from the registro-cig consumer: wait for it, bounded.
    await this.attendiRegistro(() => this.aggregates.load(cigStream(cig), cigDecider).then(({ state }) => state.esiste));
    const { state } = await this.aggregates.load(cigStream(cig), cigDecider);
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    const { esiste: _e, ...stato } = state;
    if (azione === 'cig.leggi' && (state.richiesta || state.importato)) {
      autorizzaSuUfficio(attore, azione, await this.loader.ufficio(state));
      return { cig, stato, appalto: undefined };
    }
    const { state: appalto } = await this.aggregates.load(appaltoStream(state.appaltoId), appaltoDecider);
    if (!appalto.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, appalto.ufficio);
    return { cig, stato, appalto };
  }
}
