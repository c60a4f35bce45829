import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { validaCig } from '#anac';
import { nonTrovato } from '#domain';
import { LettoreParametri, storiaCig, storiaCigDelCarnet, type BaseTemporale } from '#read-models';
import type { Attore } from '#platform';
import type { Runtime } from '../infrastructure/runtime.js';
import { CarnetDelCig } from '../regimi-storici/carnet-del-cig.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio, leggeTutto, OperazioneNonConsentita } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';

/**
 * History of a CIG "as of" an instant (auditors replay it): computed by folding the CIG's and its
 * appalto's events up to that instant, never read from a read model.
 */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class StoriaController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly carnets: CarnetDelCig,
  ) {}

  @Get(':cig/storia')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: "Storia del CIG alla data: i suoi eventi (e quelli del suo lotto) con data effettiva e di registrazione, e lo stato a quell'istante" })
  @ApiQuery({ name: 'asOf', required: false, description: 'istante ISO-8601 con fuso, o un giorno (GG/MM/AAAA, AAAA-MM-GG: fino alla fine di quel giorno in Italia); omesso: adesso' })
  @ApiQuery({ name: 'base', required: false, enum: ['effettiva', 'registrazione'], description: 'quale data confrontare con asOf (predefinita: effettiva)' })
  async storia(@Param('cig') codice: string, @Query() query: Record<string, unknown>, @AttoreCorrente() attore: Attore) {
    const p = new LettoreParametri(query, ['asOf', 'base'], 'storia');
    const valido = validaCig(codice);
    if (!valido.valido) p.errore('cig', `codice CIG non valido: ${valido.motivo}`, 'CIG_NON_VALIDO');
    const asOf = p.istanteOFineGiorno('asOf');
    const base = p.scelta<BaseTemporale>('base', ['effettiva', 'registrazione']) ?? 'effettiva';
    p.verifica();
    const storia = (await storiaCig(this.runtime.eventStore, valido.codice, { asOf, base })) ?? (await this.delCarnet(valido.codice, { asOf, base }));
    if (!storia) throw nonTrovato('CIG_NON_TROVATO', `CIG ${valido.codice} non trovato`);
    if (storia.ufficio !== null) autorizzaSuUfficio(attore, 'cig.leggi', storia.ufficio);
    else if (!leggeTutto(attore)) throw new OperazioneNonConsentita('Il CIG non appartiene a una richiesta del tuo ufficio');
    return storia;
  }

  /** A code of a carnet has no stream of its own: its history is in the carnet's, under the carnet's office. */
  private async delCarnet(cig: string, opzioni: { asOf?: Date; base: BaseTemporale }) {
    const carnet = await this.carnets.trova(cig);
    return carnet ? storiaCigDelCarnet(this.runtime.eventStore, carnet.numero, cig, opzioni) : undefined;
  }
}
