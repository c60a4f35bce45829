import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { validaCig } from '#anac';
import { nonTrovato } from '#domain';
import { documentoInclusione, LettoreParametri, ProvaNonDisponibile, storiaCig, storiaCigDelCarnet, type BaseTemporale } from '#read-models';
import type { Attore } from '#platform';
import type { Runtime } from '../infrastructure/runtime.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaRuolo, autorizzaSuUfficio, leggeTutto, OperazioneNonConsentita } from '../security/authorization.js';
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
  @ApiQuery({
    name: 'prove',
    required: false,
    enum: ['true', 'false'],
    description: "true: allega le prove di inclusione RFC 9162 dei suoi eventi nel registro di audit contro l'ultima testa firmata (ruoli del registro: AUDITOR, RPCT, ADMIN); verifica offline con cli audit verifica-inclusione",
  })
  async storia(@Param('cig') codice: string, @Query() query: Record<string, unknown>, @AttoreCorrente() attore: Attore) {
    const p = new LettoreParametri(query, ['asOf', 'base', 'prove'], 'storia');
    const valido = validaCig(codice);
    if (!valido.valido) p.errore('cig', `codice CIG non valido: ${valido.motivo}`, 'CIG_NON_VALIDO');
    const asOf = p.istanteOFineGiorno('asOf');
    const base = p.scelta<BaseTemporale>('base', ['effettiva', 'registrazione']) ?? 'effettiva';
    const prove = p.siNo('prove') ?? false;
    p.verifica();
    // The records carry who acted (tax code included): the audit trail's readers only.
    if (prove) autorizzaRuolo(attore, 'audit.leggi');
    const storia = (await storiaCig(this.runtime.eventStore, valido.codice, { asOf, base })) ?? (await this.delCarnet(valido.codice, { asOf, base }));
    if (!storia) throw nonTrovato('CIG_NON_TROVATO', `CIG ${valido.codice} non trovato`);
    if (storia.ufficio !== null) autorizzaSuUfficio(attore, 'cig.leggi', storia.ufficio);
    else if (!leggeTutto(attore)) throw new OperazioneNonConsentita('Il CIG non appartiene a una richiesta del tuo ufficio');
    return prove ? { ...storia, prove: await this.prove(storia.eventi.map((e) => e.posizione)) } : storia;
  }

  /**
   * The inclusion proofs of the events shown, against the latest signed head: the events the head
   * does not cover yet (recorded after it) are listed in `nonCoperti`.
   */
  private async prove(posizioni: string[]) {
    try {
      const doc = await documentoInclusione(this.runtime.database.pool, { posizioni });
      const coperte = new Set(doc.prove.map((x) => x.record.posizione));
      return { ...doc, nonCoperti: posizioni.filter((x) => !coperte.has(x)) };
    } catch (error) {
      if (error instanceof ProvaNonDisponibile) return { formato: null, motivo: error.message, nonCoperti: posizioni };
      throw error;
    }
  }

  /** A code of a carnet has no stream of its own: its history is in the carnet's, under the carnet's office. */
  private async delCarnet(cig: string, opzioni: { asOf?: Date; base: BaseTemporale }) {
    const carnet = await this.carnets.trova(cig);
    return carnet ? storiaCigDelCarnet(this.runtime.eventStore, carnet.numero, cig, opzioni) : undefined;
  }
}
