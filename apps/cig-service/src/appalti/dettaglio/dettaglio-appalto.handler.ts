import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK, type AppConfig, type Clock } from '#platform';
import { PraticheStore } from '../../anac/pratiche.store.js';
import { APP_CONFIG, PG_POOL } from '../../infrastructure/tokens.js';
import { ComandiAppalto } from '../comandi-appalto.js';
import { DettaglioAppalto, type VistaConAzioni } from './dettaglio-appalto.query.js';
import { vistaAppalto } from './vista-appalto.js';
import { azioniConsentite } from './azioni-consentite.js';

@QueryHandler(DettaglioAppalto)
export class DettaglioAppaltoHandler implements IQueryHandler<DettaglioAppalto> {
  constructor(
    private readonly appalti: ComandiAppalto,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ appaltoId, attore }: DettaglioAppalto): Promise<VistaConAzioni> {
    const { appalto } = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
    const pratiche = await new PraticheStore(this.pool).diAppalto(appaltoId);
    // What the caller may do now (console: ritiro, pubblicazione, modifica dell'avviso), by the
    // commands' own rules, on the directory as the identity check reads it (each command reads it afresh).
    const contesto = this.appalti.contesto(await this.appalti.anagraficaRecente());
    return { ...vistaAppalto(appalto, pratiche, this.clock.now(), this.config.ANAC_ATTESA_ALLARME), azioni: azioniConsentite(appalto, attore, contesto) };
  }
}
