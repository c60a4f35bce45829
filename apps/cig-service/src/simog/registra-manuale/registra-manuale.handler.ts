import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cigDecider, cigStream, conflitto, type CigCommand, type CigEsistente } from '#domain';
import { ID_GENERATOR, type IdGenerator } from '#platform';
import { Titolari } from '../../anagrafica/titolari.js';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { RegistraCigManuale } from './registra-manuale.command.js';

/**
 * The code's stream read once: assigned (409 if it is already registered) and, when the code is
 * already perfected on SIMOG, perfected in the same append.
 */
@CommandHandler(RegistraCigManuale)
export class RegistraCigManualeHandler implements ICommandHandler<RegistraCigManuale> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly titolari: Titolari,
    private readonly cigs: CigLoader,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ dati: dto, attore, meta }: RegistraCigManuale) {
    const cig = this.cigs.codice(dto.cig);
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const appaltoId = this.ids.uuid();
    const richiesta = { ...t, oggettoProcedura: dto.oggettoProcedura, oggetto: dto.oggetto, importo: dto.importo, ...(dto.numeroGara ? { numeroGara: dto.numeroGara } : {}), origine: 'MANUALE' as const };
    const assegna: CigCommand = { type: 'AssegnaCig', cig, regime: 'SIMOG', appaltoId, lotIdentifier: cig, richiesta };
    const caricato = await this.aggregates.load(cigStream(cig), cigDecider);
    const ctx = this.cigs.contesto();
    if (cigDecider.decide(assegna, caricato.state, ctx).length === 0) throw conflitto('CIG_GIA_REGISTRATO', `Il CIG ${cig} è già registrato`);
    const comandi: CigCommand[] = [assegna, ...(dto.pubblicazione ? [{ type: 'PerfezionaCigSimog' as const, pubblicazione: { ...dto.pubblicazione } }] : [])];
    const esito = await this.aggregates.decideAndAppend(cigStream(cig), cigDecider, caricato, comandi, ctx, meta);
    return { cig, id: appaltoId, stato: (esito.state as CigEsistente).stato, posizione: esito.position };
  }
}
