import type { RecordedEvent, SqlExecutor } from '#event-store';
import { scadenzeConsumer } from './scadenze.consumer.js';

const evento = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({ type, data, streamId: `cig-${String(data.cig)}`, revision: 0n, id: `${type}-${String(data.cig)}`, metadata: {}, created: new Date(0) }) as unknown as RecordedEvent;

/** The scheduler is woken after a batch that recorded a deadline, not after one that only ended some. */
describe('deadline consumer: when it wakes the scheduler', () => {
  const istruzioni: string[] = [];
  const tx: SqlExecutor = { query: async (text: string) => (istruzioni.push(text), { rows: [], rowCount: 0 }) } as unknown as SqlExecutor;

  it('wakes it for a SIMOG CIG to perfect or a carnet, not for a PCP CIG or a CIG perfected', async () => {
    let sveglie = 0;
    const consumer = scadenzeConsumer(() => void sveglie++);
    const lotti = async (...eventi: RecordedEvent[]) => {
      await consumer.handle(eventi, tx);
      await consumer.afterCommit?.(eventi);
    };
    await lotti(evento('CigAssegnato', { cig: '1234567ABC', regime: 'PCP', richiesta: {} }));
    await lotti(evento('CigPerfezionato', { cig: '1234567ABC' }));
    expect(sveglie).toBe(0);
    expect(istruzioni.filter((i) => i.includes('INSERT INTO scadenze'))).toHaveLength(0);
    await lotti(evento('CigAssegnato', { cig: '7654321ABC', regime: 'SIMOG', richiesta: { perfezionareEntro: '2025-06-01T00:00:00.000Z' } }));
    expect(sveglie).toBe(1);
    await lotti(evento('CigPerfezionato', { cig: '7654321ABC' }));
    expect(sveglie).toBe(1);
    await lotti(evento('CarnetRilasciato', { numero: 'CARNET/0000001', scadenzaIl: '2025-06-01T00:00:00.000Z', termineRendicontazione: '2025-07-01T00:00:00.000Z' }));
    expect(sveglie).toBe(2);
    expect(istruzioni.filter((i) => i.includes('INSERT INTO scadenze'))).toHaveLength(3);
  });
});
