import { PostgresEventStore, type EventData, type RecordedEvent } from '#event-store';
import { inTransazione } from '#platform';
import { migraDatabaseDelServizio } from '../infrastructure/migrazioni.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { webhookOutbox } from './webhook.consumer.js';
import { WebhookStore } from './webhook.store.js';

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const evento = (type: string, data: unknown): EventData => ({ id: uuid(), type, data, metadata: {} });
const ADESSO = new Date('2024-01-15T10:00:00Z');

/** The outbox and its queues on real PostgreSQL: rows per (subscription, event), heads in order per appalto. */
describe('webhook outbox (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const A = uuid();
  const B = uuid();
  const eventi: RecordedEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(5);
    store = new PostgresEventStore(db.pool);
    await store.migrate();
    await migraDatabaseDelServizio(db.url);
    for (const [id, ufficio] of [['a1', 'UFF-A'], ['a2', 'UFF-A'], ['b1', 'UFF-B']] as const) {
      await store.appendToStream(`appalto-${id}`, [evento('AppaltoCreato', { appaltoId: id, ufficio }), evento('AppaltoInviato', { richiestaId: 'r', il: 'x' })]);
    }
    await store.appendToStream('cig-C1', [evento('CigAssegnato', { cig: 'C1', appaltoId: 'a1' }), evento('CigPerfezionato', { cig: 'C1' })]);
    await store.appendToStream('appalto-a1', [evento('AppaltoPubblicato', { idAvviso: 'v' })]);
    await store.appendToStream('cig-C2', [evento('CigAssegnato', { cig: 'C2', appaltoId: 'b1' })]);
    for (const s of [{ id: A, ufficio: 'UFF-A' }, { id: B, ufficio: null }]) {
      await WebhookStore.crea(db.pool, {
        id: s.id, url: 'http://127.0.0.1:9/x', segreto: 'segreto-di-prova-lungo', eventi: ['AppaltoCreato', 'AppaltoInviato', 'CigAssegnato', 'CigPerfezionato', 'AppaltoPubblicato'],
        ufficio: s.ufficio, descrizione: null, attiva: true, creataIl: ADESSO.toISOString(), creataDa: 'admin', eliminataIl: null,
      });
    }
    for (const flusso of ['appalto-a1', 'appalto-a2', 'appalto-b1', 'cig-C1', 'cig-C2']) eventi.push(...(await store.readStream(flusso)));
    eventi.sort((x, y) => store.comparePositions(x.position, y.position));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('queues one row per (subscription, event) the subscription wants, once even when handled twice, office-bound ones only for their office', async () => {
    let sveglie = 0;
    const outbox = webhookOutbox(() => ADESSO, () => void sveglie++);
    await inTransazione(db.pool, (tx) => outbox.handle(eventi, tx));
    await outbox.afterCommit?.(eventi);
    expect(sveglie).toBe(1);
    await inTransazione(db.pool, (tx) => outbox.handle(eventi, tx)); // a replay from an older checkpoint
    await outbox.afterCommit?.(eventi);
    expect(sveglie).toBe(1); // nothing new queued: the delivery worker is not woken
    const { rows } = await db.pool.query<{ sottoscrizione_id: string; tipo: string; chiave: string; ufficio: string | null }>(
      "SELECT sottoscrizione_id, tipo, chiave, corpo->>'ufficio' AS ufficio FROM webhook_consegne ORDER BY id",
    );
    const diA = rows.filter((r) => r.sottoscrizione_id === A);
    const diB = rows.filter((r) => r.sottoscrizione_id === B);
    expect(diB).toHaveLength(eventi.length);
    expect(diA).toHaveLength(eventi.length - 3); // b1's two events and its CIG are UFF-B's
    expect(diA.every((r) => r.ufficio === 'UFF-A')).toBe(true);
    expect(diA.filter((r) => r.tipo === 'CigAssegnato')).toEqual([expect.objectContaining({ chiave: 'appalto-a1', ufficio: 'UFF-A' })]);
  });

  it('hands out only the head of each (subscription, appalto) queue, in log order, until it is delivered or dead-lettered', async () => {
    const teste = async () => (await WebhookStore.dovute(db.pool, ADESSO, 100)).filter((c) => c.sottoscrizioneId === A).map((c) => `${c.chiave}:${c.tipo}`).sort();
    expect(await teste()).toEqual(['appalto-a1:AppaltoCreato', 'appalto-a2:AppaltoCreato']);
    const ordineA1: string[] = [];
    for (;;) {
      const testa = (await WebhookStore.dovute(db.pool, ADESSO, 100)).find((c) => c.sottoscrizioneId === A && c.chiave === 'appalto-a1');
      if (!testa) break;
      ordineA1.push(testa.tipo);
      // the second one fails for good: the queue moves on after the dead letter, not before
      if (ordineA1.length === 2) {
        await WebhookStore.rimandata(db.pool, testa.id, new Date(ADESSO.getTime() + 60_000));
        expect((await WebhookStore.dovute(db.pool, ADESSO, 100)).find((c) => c.sottoscrizioneId === A && c.chiave === 'appalto-a1')).toBeUndefined();
        await WebhookStore.scartata(db.pool, testa.id, ADESSO);
      } else {
        await WebhookStore.consegnata(db.pool, testa.id, ADESSO);
      }
    }
    expect(ordineA1).toEqual(['AppaltoCreato', 'AppaltoInviato', 'CigAssegnato', 'CigPerfezionato', 'AppaltoPubblicato']);
    const registro = await WebhookStore.registro(db.pool, A, { limite: 100, stato: 'SCARTATA' });
    expect(registro.map((r) => r.tipo)).toEqual(['AppaltoInviato']);
  });
});
