import type { CommandBus } from '@nestjs/cqrs';
import { campioneCigAnac } from '#anac';
import type { InMemoryEventStore } from '#event-store';
import type { Attore } from '#platform';
import { PG_POOL } from '../infrastructure/tokens.js';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { moduloCqrs } from '../testing/modulo-cqrs.js';
import { ImportaCigAnac } from './importa/importa-cig-anac.command.js';
import { ImportaCigAnacHandler } from './importa/importa-cig-anac.handler.js';

const admin: Attore = { userId: 'luca', nome: 'Luca Conti', codiceFiscale: 'CNTLCU75A01D612X', ruoli: ['ADMIN'], ufficio: 'UFF-T', centriDiCosto: [], stazioneAppaltante: '01386030488' };
const meta: CommandMeta = { attore: admin, correlationId: 'corr-1', causationId: 'cmd-1' };
async function* righe(testo: Iterable<string>): AsyncGenerator<string> {
  yield* testo;
}

/** The import of ANAC's open data through Nest's CommandBus, on the in-memory event store (no HTTP, no database). */
describe('import use case on @nestjs/cqrs and the in-memory event store', () => {
  let store: InMemoryEventStore;
  let comandi: CommandBus;

  beforeEach(async () => {
    // The pool is used only with the PostgreSQL store.
    ({ store, comandi } = await moduloCqrs({ providers: [{ provide: PG_POOL, useValue: {} }, ImportaCigAnacHandler] }));
  });

  it('imports the valid rows under the office given, reports a bad one by line, and the same file again adds nothing', async () => {
    const file = [...campioneCigAnac(10, { cigErrati: [4] })];
    const primo = await comandi.execute(new ImportaCigAnac(righe(file), 'cig.csv', 'OPEN-DATA-ANAC', admin, meta));
    expect(primo).toMatchObject({ righe: 10, accettate: 9, importate: 9, giaPresenti: 0, scartate: 1, dettaglioScartate: [{ riga: 5 }] });
    const [importato] = (await store.readAll()).filter((e) => e.type === 'CigImportato');
    expect(importato!.data).toMatchObject({ dati: { ufficio: 'OPEN-DATA-ANAC', origine: { file: 'cig.csv', riga: 2 } } });
    expect(importato!.metadata).toMatchObject({ correlationId: 'corr-1', actor: { userId: 'luca' } });
    const eventi = (await store.readAll()).length;
    const secondo = await comandi.execute(new ImportaCigAnac(righe(file), 'cig.csv', 'OPEN-DATA-ANAC', admin, meta));
    expect(secondo).toMatchObject({ importate: 0, giaPresenti: 9, scartate: 1 });
    expect(await store.readAll()).toHaveLength(eventi);
  });

  it('a file that is not ANAC’s CSV is refused naming the body (400)', async () => {
    await expect(comandi.execute(new ImportaCigAnac(righe(['oggetto;importo\nx;1\n']), 'x.csv', 'OPEN-DATA-ANAC', admin, meta)))
      .rejects.toMatchObject({ code: 'CSV_NON_VALIDO', kind: 'invalid', errors: [{ campo: 'body' }] });
    expect(await store.readAll()).toEqual([]);
  });
});
