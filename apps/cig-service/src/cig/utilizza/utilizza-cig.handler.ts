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
    const { cig, appalto } = await this.lettore.carica(codice, attore, 'cig.utilizza');
    if (!appalto) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    // Available since a moment: the registro-cig consumer may still be recording its perfection.
    if (cigDisponibili(appalto)) await this.lettore.attendiRegistro(() => this.aggregates.load(cigStream(cig), cigDecider).then(({ state }) => state.esiste && state.perfezionato));
    const esito = await this.aggregates.execute(cigStream(cig), cigDecider, { type: 'UtilizzaCig', ...collegamento, disponibile: cigDisponibili(appalto) }, this.lettore.loader.contesto(), meta);
    return { cig, posizione: esito.position };
  }
}
