import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ANAGRAFICA_STREAM } from '#domain';
import type { InMemoryEventStore } from '#event-store';
import type { Attore } from '#platform';
import { meta, moduloCqrs } from '../testing/modulo-cqrs.js';
import { AggiornaUtente } from './aggiorna-utente/aggiorna-utente.command.js';
import { AggiornaUtenteHandler } from './aggiorna-utente/aggiorna-utente.handler.js';
import { AnagraficaService } from './anagrafica.service.js';
import { AnagraficaCompletaHandler, CentriDiCostoHandler, CercaRupHandler } from './consulta/consulta.handlers.js';
import { AnagraficaCompleta, CentriDiCosto, CercaRup } from './consulta/consulta.queries.js';
import { DisattivaUtente } from './disattiva-utente/disattiva-utente.command.js';
import { DisattivaUtenteHandler } from './disattiva-utente/disattiva-utente.handler.js';
import { RegistraInAnagrafica } from './registra/registra.command.js';
import { RegistraInAnagraficaHandler } from './registra/registra.handler.js';

/** The directory's use cases through Nest's CommandBus and QueryBus, on the in-memory event store (no HTTP, no database). */
describe('anagrafica use cases on @nestjs/cqrs and the in-memory event store', () => {
  const SA = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' };
  const ALTRA = { codiceFiscale: '80012000826', denominazione: 'Regione Siciliana', codiceAusa: '0000155420' };
  const attore = (sa: string, ruoli: Attore['ruoli'] = ['BUYER']): Attore => ({ userId: 'x', nome: 'X', codiceFiscale: 'X', ruoli, ufficio: 'U', centriDiCosto: [], stazioneAppaltante: sa });
  let store: InMemoryEventStore;
  let comandi: CommandBus;
  let query: QueryBus;

  beforeEach(async () => {
    ({ store, comandi, query } = await moduloCqrs({
      providers: [
        AnagraficaService,
        RegistraInAnagraficaHandler, AggiornaUtenteHandler, DisattivaUtenteHandler, CentriDiCostoHandler, CercaRupHandler, AnagraficaCompletaHandler,
      ],
    }));
    for (const sa of [SA, ALTRA]) await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraStazioneAppaltante', ...sa }, meta));
    await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraCentroDiCosto', codice: 'CDC-T', denominazione: 'Contratti', sa: SA.codiceFiscale }, meta));
    await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraCentroDiCosto', codice: 'CDC-S', denominazione: 'Gare', sa: ALTRA.codiceFiscale }, meta));
    await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraUfficio', codice: 'UFF-T', denominazione: 'Gare', sa: SA.codiceFiscale }, meta));
    await comandi.execute(new RegistraInAnagrafica({
      type: 'RegistraUtente', userId: 'marco', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q', sa: SA.codiceFiscale, ufficio: 'UFF-T', centriDiCosto: ['CDC-T'], ruoli: ['RUP'],
    }, meta));
  });

  it('a command is appended once with its metadata and answers the position; a refused one appends nothing', async () => {
    expect(await store.readStream(ANAGRAFICA_STREAM)).toHaveLength(6);
    const [primo] = await store.readStream(ANAGRAFICA_STREAM);
    expect(primo!.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cmd-1' });
    await expect(comandi.execute(new RegistraInAnagrafica({ type: 'RegistraStazioneAppaltante', ...SA }, meta))).rejects.toMatchObject({ code: 'SA_GIA_REGISTRATA' });
    expect(await store.readStream(ANAGRAFICA_STREAM)).toHaveLength(6);
  });

  it('queries see only the caller’s stazione appaltante, oversight roles see all', async () => {
    expect((await query.execute(new CentriDiCosto(attore(SA.codiceFiscale)))).map((c) => c.codice)).toEqual(['CDC-T']);
    expect((await query.execute(new CentriDiCosto(attore(SA.codiceFiscale, ['AUDITOR'])))).map((c) => c.codice).sort()).toEqual(['CDC-S', 'CDC-T']);
    expect(await query.execute(new CercaRup(attore(SA.codiceFiscale), 'CDC-T', 'giova'))).toEqual([{ userId: 'marco', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' }]);
    expect(await query.execute(new CercaRup(attore(ALTRA.codiceFiscale), 'CDC-T'))).toEqual([]);
    expect(await query.execute(new CercaRup(attore(SA.codiceFiscale), 'CDC-T', 'nessuno'))).toEqual([]);
  });

  it('updating and deactivating change what the queries answer; deactivating twice records once', async () => {
    await comandi.execute(new AggiornaUtente('marco', { ufficio: 'UFF-T', centriDiCosto: ['CDC-T'], ruoli: ['BUYER'] }, meta));
    expect(await query.execute(new CercaRup(attore(SA.codiceFiscale), 'CDC-T'))).toEqual([]);
    const prima = await comandi.execute(new DisattivaUtente('marco', meta));
    expect(await comandi.execute(new DisattivaUtente('marco', meta))).toBe(prima);
    const tutta = await query.execute(new AnagraficaCompleta());
    expect(tutta.utenti).toEqual([expect.objectContaining({ userId: 'marco', attivo: false, ruoli: ['BUYER'] })]);
    expect(await store.readStream(ANAGRAFICA_STREAM)).toHaveLength(8);
  });
});
