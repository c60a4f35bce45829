import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, esitoComando } from '../comandi-appalto.js';
import { VerificaAppalto, type EsitoVerifica, type Segnalazione } from './verifica-appalto.command.js';

/** The outcome is read from the state the decision produced: the stream is not read again. */
@CommandHandler(VerificaAppalto)
export class VerificaAppaltoHandler implements ICommandHandler<VerificaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  async execute({ appaltoId, attore, meta, anac }: VerificaAppalto): Promise<EsitoVerifica> {
    const { letto } = await this.appalti.carica(appaltoId, attore, 'appalto.verifica');
    const anagrafica = await this.appalti.anagraficaAttuale();
    const eseguito = await this.appalti.decidi(appaltoId, letto, { type: 'VerificaAppalto', ...(anac ? { anac: { richiestaId: meta.causationId } } : {}) }, anagrafica, meta, { sicuro: true });
    const verifica = eseguito.state.esiste ? eseguito.state.verifica : undefined;
    const problemi = verifica?.problemi ?? [];
    const sezioni: Record<string, Segnalazione[]> = {};
    for (const p of problemi) (sezioni[p.sezione] ??= []).push({ campo: p.campo, messaggio: p.messaggio, codice: p.codice });
    const esito = { ...esitoComando(appaltoId, eseguito), esito: verifica?.esito ?? 'KO', sezioni, problemi };
    return anac ? { ...esito, anac: (eseguito.state.esiste ? eseguito.state.verificaAnac : undefined) ?? null } : esito;
  }
}
