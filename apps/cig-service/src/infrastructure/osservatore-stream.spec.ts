import { OsservatoreStream, revisioniDa, type RevisioniStream } from './osservatore-stream.js';

/** Revisions kept in a map; each read is recorded with the streams it asked for. */
function fonteFinta(iniziali: Record<string, bigint> = {}) {
  const revisioni = new Map(Object.entries(iniziali));
  const letture: string[][] = [];
  let guasta = false;
  const fonte: RevisioniStream = {
    async revisioni(streamIds) {
      letture.push([...streamIds]);
      if (guasta) throw new Error('database irraggiungibile');
      return new Map(streamIds.flatMap((id) => (revisioni.has(id) ? [[id, revisioni.get(id)!] as const] : [])));
    },
  };
  return { fonte, revisioni, letture, guasta: (g: boolean) => void (guasta = g) };
}

/** An append signal the test fires by hand. */
function segnaleFinto() {
  const ascolti = new Set<() => void>();
  return {
    onAppend(listener: () => void) {
      ascolti.add(listener);
      return () => ascolti.delete(listener);
    },
    segnala: () => ascolti.forEach((l) => l()),
    ascolti,
  };
}

const pausa = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OsservatoreStream: waits for a stream to go past a revision', () => {
  let osservatore: OsservatoreStream | undefined;
  afterEach(() => osservatore?.chiudi());

  it('answers true at the first check after an append signalled', async () => {
    const f = fonteFinta({ 'appalto-1': 3n });
    const s = segnaleFinto();
    osservatore = new OsservatoreStream(f.fonte, { segnale: s, intervalloMs: 5, controlloMs: 60_000 });
    const esito = osservatore.attendi('appalto-1', 3n, 10_000);
    await pausa(30);
    f.revisioni.set('appalto-1', 4n);
    const prima = performance.now();
    s.segnala();
    await expect(esito).resolves.toBe(true);
    expect(performance.now() - prima).toBeLessThan(1_000);
  });

  it('answers false when the time runs out, and forgets the wait', async () => {
    const f = fonteFinta({ 'appalto-1': 3n });
    osservatore = new OsservatoreStream(f.fonte, { segnale: segnaleFinto(), intervalloMs: 5, controlloMs: 60_000 });
    const prima = performance.now();
    await expect(osservatore.attendi('appalto-1', 3n, 80)).resolves.toBe(false);
    expect(performance.now() - prima).toBeGreaterThanOrEqual(70);
    const letture = f.letture.length;
    await pausa(50);
    expect(f.letture.length).toBe(letture);
  });

  it('a revision already past when the wait starts is found by the first check, with no signal', async () => {
    const f = fonteFinta({ 'appalto-1': 7n });
    osservatore = new OsservatoreStream(f.fonte, { segnale: segnaleFinto(), intervalloMs: 5, controlloMs: 60_000 });
    await expect(osservatore.attendi('appalto-1', 5n, 10_000)).resolves.toBe(true);
  });

  it('checks every stream awaited in one read, and only the waits whose stream went past are answered', async () => {
    const f = fonteFinta({ 'appalto-1': 1n, 'appalto-2': 1n, 'appalto-3': 1n });
    const s = segnaleFinto();
    osservatore = new OsservatoreStream(f.fonte, { segnale: s, intervalloMs: 5, controlloMs: 60_000 });
    const risposte: string[] = [];
    const attese = ['appalto-1', 'appalto-2', 'appalto-2', 'appalto-3'].map((id, i) =>
      osservatore!.attendi(id, 1n, 300).then((passata) => void risposte.push(`${i}:${id}:${passata}`)),
    );
    await pausa(30);
    f.letture.length = 0;
    f.revisioni.set('appalto-2', 2n);
    s.segnala();
    s.segnala();
    s.segnala();
    await pausa(40);
    expect(risposte.sort()).toEqual(['1:appalto-2:true', '2:appalto-2:true']);
    // Three signals within the interval: one read, of all three streams.
    expect(f.letture).toHaveLength(1);
    expect(f.letture[0]!.sort()).toEqual(['appalto-1', 'appalto-2', 'appalto-3']);
    await Promise.all(attese);
    expect(risposte.sort()).toEqual(['0:appalto-1:false', '1:appalto-2:true', '2:appalto-2:true', '3:appalto-3:false']);
  });

  it('reads nothing while nobody waits, signals or not', async () => {
    const f = fonteFinta();
    const s = segnaleFinto();
    osservatore = new OsservatoreStream(f.fonte, { segnale: s, intervalloMs: 1, controlloMs: 5 });
    s.segnala();
    await pausa(30);
    expect(f.letture).toEqual([]);
  });

  it('a lost notification: the periodic check finds the change anyway', async () => {
    const f = fonteFinta({ 'appalto-1': 0n });
    osservatore = new OsservatoreStream(f.fonte, { segnale: segnaleFinto(), intervalloMs: 5, controlloMs: 40 });
    const esito = osservatore.attendi('appalto-1', 0n, 5_000);
    await pausa(20);
    f.revisioni.set('appalto-1', 1n);
    await expect(esito).resolves.toBe(true);
  });

  it('a failed read rejects nothing: the wait is answered by a later check or by its timeout', async () => {
    const f = fonteFinta({ 'appalto-1': 0n });
    f.guasta(true);
    osservatore = new OsservatoreStream(f.fonte, { intervalloMs: 5, controlloMs: 20 });
    const esito = osservatore.attendi('appalto-1', 0n, 5_000);
    await pausa(50);
    expect(f.letture.length).toBeGreaterThan(1);
    f.revisioni.set('appalto-1', 1n);
    f.guasta(false);
    await expect(esito).resolves.toBe(true);
  });

  it('holds at most `massimo` waits: one more is answered false at once', async () => {
    const f = fonteFinta({ 'appalto-1': 0n });
    osservatore = new OsservatoreStream(f.fonte, { intervalloMs: 5, controlloMs: 60_000, massimo: 2 });
    const due = [osservatore.attendi('appalto-1', 0n, 10_000), osservatore.attendi('appalto-1', 0n, 10_000)];
    await expect(osservatore.attendi('appalto-1', 0n, 10_000)).resolves.toBe(false);
    // Once one of them ends, there is room again.
    f.revisioni.set('appalto-1', 1n);
    await expect(Promise.all(due)).resolves.toEqual([true, true]);
    f.revisioni.set('appalto-1', 1n);
    const ancora = osservatore.attendi('appalto-1', 1n, 50);
    await expect(ancora).resolves.toBe(false);
  });

  it('shutting down answers every wait false at once and stops listening', async () => {
    const f = fonteFinta({ 'appalto-1': 0n });
    const s = segnaleFinto();
    osservatore = new OsservatoreStream(f.fonte, { segnale: s, intervalloMs: 5, controlloMs: 60_000 });
    const esiti = [osservatore.attendi('appalto-1', 0n, 60_000), osservatore.attendi('appalto-2', 0n, 60_000)];
    osservatore.chiudi();
    await expect(Promise.all(esiti)).resolves.toEqual([false, false]);
    expect(s.ascolti.size).toBe(0);
    await expect(osservatore.attendi('appalto-1', 0n, 60_000)).resolves.toBe(false);
  });

  it('a store without a query of its own is read stream by stream, from its last event', async () => {
    const letti: unknown[] = [];
    const fonte = revisioniDa({
      async readStream(id, options) {
        letti.push([id, options]);
        if (id === 'appalto-x') throw new Error('stream not found');
        return [{ revision: 9n }] as never;
      },
    });
    await expect(fonte.revisioni(['appalto-a', 'appalto-x'])).resolves.toEqual(new Map([['appalto-a', 9n]]));
    expect(letti).toEqual([['appalto-a', { direction: 'backwards', maxCount: 1 }], ['appalto-x', { direction: 'backwards', maxCount: 1 }]]);
  });
});
