import { Inject, Injectable } from '@nestjs/common';
import { generaCig } from '#anac';
import { cigDecider, cigStream, type CigCommand, type CigEsistente, type DatiSmartCig } from '#domain';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { AnacSimog } from '../anac-simog/anac-simog.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import type { RichiediSmartCigDto } from './regimi.dto.js';
import { Titolari } from '../anagrafica/titolari.js';

const datiDi = (d: DatiSmartCig): DatiSmartCig => ({ ...d, ...(d.cigAccordoQuadro ? { cigAccordoQuadro: d.cigAccordoQuadro.toUpperCase() } : {}) });

/** Single SmartCIGs (nota SMART CIG 2011): "conferma ed ottieni CIG", "modificare", "annullare la comunicazione". */
@Injectable()
export class SmartCigService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    private readonly cigs: CigLoader,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async richiedi(dto: RichiediSmartCigDto, attore: Attore, meta: CommandMeta) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const appaltoId = this.runtime.ids.uuid();
    const dati = datiDi({ ...dto.dati });
    const richiesta = { ...t, oggettoProcedura: dati.oggetto, oggetto: dati.oggetto, importo: dati.importo, origine: 'ANAC' as const };
    const comando = (cig: string): CigCommand => ({ type: 'RegistraSmartCig', cig, appaltoId, richiesta, dati });
    cigDecider.decide(comando(generaCig('SMART_CIG', 1, 'X')), cigDecider.initialState, this.cigs.contesto());
    const ctx = this.anac.contesto(t);
    const { cig } = await this.anac.chiama(appaltoId, ctx, meta, (g) => g.richiediSmartCig(ctx, { idRichiesta: meta.idempotencyKey ?? appaltoId, dati }));
    const esito = await this.aggregates.execute(cigStream(cig), cigDecider, comando(cig), this.cigs.contesto(), meta);
    return { cig, id: appaltoId, stato: (esito.state as CigEsistente).stato, posizione: esito.position };
  }

  async modifica(codice: string, dati: DatiSmartCig, attore: Attore, meta: CommandMeta) {
    const d = datiDi({ ...dati });
    return this.esegui(codice, attore, meta, { type: 'ModificaSmartCig', dati: d }, (s, ctx) => (g) => g.modificaSmartCig(ctx, { cig: s.cig, dati: d }));
  }

  async annulla(codice: string, motivo: string | undefined, attore: Attore, meta: CommandMeta) {
    return this.esegui(codice, attore, meta, { type: 'AnnullaSmartCig', ...(motivo ? { motivo } : {}) }, (s, ctx) => (g) => g.annullaSmartCig(ctx, { cig: s.cig }));
  }

  async dettaglio(codice: string, attore: Attore) {
    const { esiste: _e, ...s } = (await this.cigs.carica(codice, attore, 'smartcig.leggi')).state;
    return { ...s, dati: s.datiSmartCig ?? null };
  }

  private async esegui(codice: string, attore: Attore, meta: CommandMeta, comando: CigCommand,
    chiamata: (s: CigEsistente, ctx: ReturnType<AnacSimog['contesto']>) => Parameters<AnacSimog['chiama']>[3]) {
    const { state: s } = await this.cigs.carica(codice, attore, 'smartcig.modifica');
    if (cigDecider.decide(comando, s, this.cigs.contesto()).length === 0) return { cig: s.cig, stato: s.stato, posizione: undefined };
    if (s.richiesta?.origine === 'ANAC') {
      const ctx = this.anac.contesto(s.richiesta);
      await this.anac.chiama(s.appaltoId, ctx, meta, chiamata(s, ctx));
    }
    const esito = await this.aggregates.execute(cigStream(s.cig), cigDecider, comando, this.cigs.contesto(), meta);
    return { cig: s.cig, stato: (esito.state as CigEsistente).stato, posizione: esito.position };
  }
}
