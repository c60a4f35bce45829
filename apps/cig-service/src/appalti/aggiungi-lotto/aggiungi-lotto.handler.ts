import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, esitoComando, type EsitoComando } from '../comandi-appalto.js';
import { AggiungiLotto } from './aggiungi-lotto.command.js';

/** Safe to decide again after a concurrent change: the identifier is the one of the decision that was appended. */
@CommandHandler(AggiungiLotto)
export class AggiungiLottoHandler implements ICommandHandler<AggiungiLotto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  async execute({ appaltoId, dati, attore, meta }: AggiungiLotto): Promise<EsitoComando & { lotIdentifier: string }> {
    const { letto } = await this.appalti.carica(appaltoId, attore, 'appalto.modifica');
    const anagrafica = await this.appalti.anagraficaAttuale();
    const eseguito = await this.appalti.decidi(appaltoId, letto, { type: 'AggiungiLotto', dati }, anagrafica, meta, { sicuro: true });
    const aggiunto = eseguito.events.find((e) => e.type === 'LottoAggiunto');
    return { ...esitoComando(appaltoId, eseguito), lotIdentifier: aggiunto?.type === 'LottoAggiunto' ? aggiunto.data.lotto.lotIdentifier : '' };
  }
}
