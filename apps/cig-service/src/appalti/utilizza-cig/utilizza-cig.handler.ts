import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cigDecider, cigDisponibili, cigStream, nonTrovato } from '#domain';
import type { Position } from '#event-store';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { CigLettore } from '../cig-lettore.js';
import { UtilizzaCig } from './utilizza-cig.command.js';

@CommandHandler(UtilizzaCig)
export class UtilizzaCigHandler implements ICommandHandler<UtilizzaCig> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly lettore: CigLettore,
  ) {}

  async execute({ codice, collegamento, attore, meta }: UtilizzaCig): Promise<{ cig: string; posizione: Position | undefined }> {
    const { cig, appalto, letto } = await this.lettore.carica(codice, attore, 'cig.utilizza');
    if (!appalto) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    const disponibile = cigDisponibili(appalto);
    // Available since a moment: the registro-cig consumer may still be recording its perfection
    // (the CIG's stream is read again only while it is not recorded).
    const deciso = disponibile ? await this.lettore.attendiRegistro(letto, (l) => l.state.esiste && l.state.perfezionato, () => this.lettore.leggi(cig)) : letto;
    const esito = await this.aggregates.decideAndAppend(cigStream(cig), cigDecider, deciso, [{ type: 'UtilizzaCig', ...collegamento, disponibile }], this.lettore.loader.contesto(), meta);
    return { cig, posizione: esito.position };
  }
}
