import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { carnetStream, registroCarnetStream } from '#domain';
import { ManualClock } from '#platform';
import { buyer, CDC, meta, moduloRegimi, RUP, type LettureContate, type SimogFinto } from '../testing/regimi-anac.js';
import { AnnullaCigDelCarnet } from './annulla-cig/annulla-cig.command.js';
import { AnnullaCigDelCarnetHandler } from './annulla-cig/annulla-cig.handler.js';
import { Carnets } from './carnets.js';
import { ComunicaCigDelCarnet } from './comunica-cig/comunica-cig.command.js';
import { ComunicaCigDelCarnetHandler } from './comunica-cig/comunica-cig.handler.js';
import { PdfCarnetHandler, TrasmissioniCarnetHandler } from './consulta/consulta.handlers.js';
import { PdfCarnet, TrasmissioniCarnet } from './consulta/consulta.queries.js';
import { RichiediCarnet } from './richiedi/richiedi-carnet.command.js';
import { RichiediCarnetHandler } from './richiedi/richiedi-carnet.handler.js';

const dati = { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA' as const, importo: '1500.00', oggetto: 'stampe', procedura: 'AFFIDAMENTO_DIRETTO' as const, oggettoPrincipale: 'SERVIZI' as const };

/** The carnet use cases through Nest's CommandBus and QueryBus, on the in-memory event store and a fake SmartCIG (no HTTP, no database). */
describe('carnet use cases on @nestjs/cqrs and the in-memory event store', () => {
  let store: LettureContate;
  let simog: SimogFinto;
  let comandi: CommandBus;
  let query: QueryBus;
  const io = buyer();
  const registro = registroCarnetStream(CDC, RUP);

  beforeEach(async () => {
    ({ store, simog, comandi, query } = await moduloRegimi(new ManualClock('2015-03-02T09:00:00.000Z'), [
      Carnets, RichiediCarnetHandler, ComunicaCigDelCarnetHandler, AnnullaCigDelCarnetHandler, PdfCarnetHandler, TrasmissioniCarnetHandler,
    ]));
  });

  const richiedi = () => comandi.execute(new RichiediCarnet({ centroDiCosto: CDC, rup: RUP }, io, meta));

  it('a request reads the registry once and the new carnet once; the third active one is refused before SmartCIG is asked', async () => {
    let k!: Awaited<ReturnType<typeof richiedi>>;
    expect(await store.letturePer(registro, async () => (k = await richiedi()))).toBe(1);
    expect(store.letture.get(carnetStream(k.numero))).toBe(1);
    expect(store.scritture.get(registro)).toBe(1);
    expect(k).toMatchObject({ numero: 'CARNET/0000001', dimensione: 50, cigNonRendicontati: 50, stato: 'ATTIVO', descrizioneStato: 'CARNET ATTIVO' });
    expect(k.posizione).toBeDefined();
    await richiedi();
    await expect(richiedi()).rejects.toMatchObject({ code: 'MASSIMO_CARNET_ATTIVI' });
    expect(simog.chiamate).toEqual(['richiedi-carnet', 'richiedi-carnet']);
    expect((await store.readStream(registro)).map((e) => e.type)).toHaveLength(2);
  });

  it('communicating and annulling a code read the carnet once each and append once', async () => {
    const k = await richiedi();
    const [primo, secondo] = (await store.readStream(carnetStream(k.numero))).flatMap((e) => (e.type === 'CarnetRilasciato' ? (e.data as { codici: string[] }).codici : []));
    const stream = carnetStream(k.numero);
    let comunicato!: Awaited<ReturnType<Carnets['suCodice']>>;
    expect(await store.letturePer(stream, async () => (comunicato = await comandi.execute(new ComunicaCigDelCarnet(k.numero, primo!.toLowerCase(), dati, io, meta))))).toBe(1);
    expect(store.scritture.get(stream)).toBe(1);
    expect(comunicato).toMatchObject({ cigComunicati: 1, cig: { cig: primo, stato: 'COMUNICATO', descrizioneStato: 'CIG COMUNICATO', tardiva: false } });
    expect(await store.letturePer(stream, () => comandi.execute(new AnnullaCigDelCarnet(k.numero.replace('/', '-'), secondo!, 'non usato', io, meta)))).toBe(1);
    await expect(comandi.execute(new AnnullaCigDelCarnet(k.numero, primo!, undefined, io, meta))).rejects.toMatchObject({ code: 'CIG_GIA_COMUNICATO' });
    expect(simog.chiamate).toEqual(['richiedi-carnet', 'comunica-cig-carnet', 'annulla-cig-carnet']);
  });

  it('authorises on the carnet it loaded; the PDF and the transmission log for its office', async () => {
    const k = await richiedi();
    const codice = ((await store.readStream(carnetStream(k.numero))).find((e) => e.type === 'CarnetRilasciato')!.data as { codici: string[] }).codici[0]!;
    await expect(comandi.execute(new ComunicaCigDelCarnet(k.numero, codice, dati, buyer('UFF-ALTRO'), meta))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(query.execute(new PdfCarnet(k.numero, buyer('UFF-ALTRO')))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(query.execute(new PdfCarnet('non-un-carnet', io))).rejects.toMatchObject({ code: 'NUMERO_CARNET_NON_VALIDO' });
    expect(simog.chiamate).toEqual(['richiedi-carnet']);
    const { nomeFile, pdf } = await query.execute(new PdfCarnet('0000001', io));
    expect(nomeFile).toBe('CARNET-0000001.pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await query.execute(new TrasmissioniCarnet(k.numero, io))).map((r) => r.operazione)).toEqual(['richiedi-carnet']);
  });
});
