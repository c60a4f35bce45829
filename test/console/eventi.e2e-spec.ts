import type { components } from '#client';
import type { ManualClock } from '#platform';
import { eventually, startTestService, SENZA_LIMITE_RICHIESTE, type TestService } from '../support/service.js';
import { preparaAd5 } from '../support/appalti.js';
import { consoleNelBrowser, IMG, senzaViolazioniGravi } from '../support/browser.js';
import { validatoreDiSchema, type DocumentoOpenApi } from '../support/contratto.js';

/**
 * Live CIG events: GET /eventi (Server-Sent Events, office-scoped) tails the log, and the console's listing
 * shows a CIG ANAC assigns without being reloaded.
 */
type EventoCig = components['schemas']['EventoCigDto'];

/** A client of GET /eventi: the `cig` events it received so far. */
async function ascolta(t: TestService, userId: string) {
  const fermo = new AbortController();
  const r = await fetch(`${t.url}/eventi`, { headers: { authorization: `Bearer ${await t.token(userId)}`, accept: 'text/event-stream' }, signal: fermo.signal });
  const ricevuti: EventoCig[] = [];
  const lettore = r.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const lettura = (async () => {
    try {
      for (;;) {
        const { value, done } = await lettore.read();
        if (done) return;
        buffer += value;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const blocco = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const dati = blocco.split('\n').find((l) => l.startsWith('data: '));
          if (blocco.includes('event: cig') && dati) ricevuti.push(JSON.parse(dati.slice(6)) as EventoCig);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: r.status,
    tipo: r.headers.get('content-type'),
    ricevuti,
    async chiudi() {
      fermo.abort();
      await lettura;
    },
  };
}

async function finché<T>(f: () => T | undefined, ms: number, cosa: string): Promise<T> {
  const fine = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > fine) throw new Error(`timed out waiting for ${cosa}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live CIG events', () => {
  const { t, entra } = consoleNelBrowser(() => startTestService({ ...SENZA_LIMITE_RICHIESTE, ANAC_ATTESA_ALLARME: '90m' }));

  afterEach(() => t.sim.admin.resetFaults());

  it("sends each CIG event to its office's users and to the auditors, never to another office", async () => {
    expect((await t.request('GET', '/eventi')).status).toBe(401);
    const stessoUfficio = await ascolta(t, 'francesca.bianchi');
    const altroUfficio = await ascolta(t, 'giulia.mancini');
    const auditor = await ascolta(t, 'paola.neri');
    try {
      expect(stessoUfficio.status).toBe(200);
      expect(stessoUfficio.tipo).toMatch(/^text\/event-stream/);
      const buyer = t.as('francesca.bianchi');
      const id = await preparaAd5(buyer);
      expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
      const evento = await finché(() => stessoUfficio.ricevuti.find((e) => e.appaltoId === id && e.tipo === 'CigAssegnato'), 20_000, 'CigAssegnato on the stream');
      expect(evento.cig).toMatch(/^[0-9A-Z]{10}$/);
      // The listing has it already at that position.
      const lista = await buyer.request('GET', `/cig?codice=${id}&attendi=${encodeURIComponent(evento.posizione)}`);
      expect(lista.body.risultati.map((r: { cig: string | null }) => r.cig)).toContain(evento.cig);
      await finché(() => auditor.ricevuti.find((e) => e.cig === evento.cig), 5_000, 'the event on the auditor stream');
      // Another office's buyer: the same events (and a little longer) bring nothing.
      await new Promise((r) => setTimeout(r, 300));
      expect(altroUfficio.ricevuti).toEqual([]);
      // Every message's data is what the OpenAPI document's EventoCigDto says (the console's type comes from it).
      const conforme = validatoreDiSchema((await t.request('GET', '/docs-json')).body as DocumentoOpenApi, 'EventoCigDto');
      for (const e of [...stessoUfficio.ricevuti, ...auditor.ricevuti]) conforme(e);
      expect(() => conforme({ ...evento, tipo: 'AppaltoCreato' })).toThrow(/EventoCigDto/);
    } finally {
      await Promise.all([stessoUfficio.chiudi(), altroUfficio.chiudi(), auditor.chiudi()]);
    }
  });

  it('shows in the listing, without a reload, the CIG ANAC assigns to an AD5 the buyer sends', async () => {
    const page = await entra('francesca.bianchi');
    await page.evaluate(() => {
      (globalThis as unknown as { nonRicaricata: boolean }).nonRicaricata = true;
    });
    const buyer = t.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const avviso = page.getByTestId('avviso-eventi');
    await avviso.getByText(/Nuovo CIG assegnato: [0-9A-Z]{10}/).waitFor({ timeout: 20_000 });
    const cig = /([0-9A-Z]{10})$/.exec((await avviso.textContent())!)![1]!;
    const appalto = await buyer.request('GET', `/appalti/${id}`);
    expect(appalto.body.lotti[0].cig).toBe(cig);
    await page.getByRole('cell', { name: cig, exact: true }).waitFor();
    await expect(page.evaluate(() => (globalThis as unknown as { nonRicaricata?: boolean }).nonRicaricata)).resolves.toBe(true);
    await senzaViolazioniGravi(page);
  });

  it('shows how long ANAC has been awaited ("in attesa ANAC da 2 h 10 min", past the alarm) and the CIG once ANAC answers', async () => {
    const buyer = t.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', ms: 3_600_000 });
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    await eventually(async () => ((await buyer.request('GET', `/appalti/${id}`)).body.operazioneInCorso?.inAttesaAnacDal ? true : undefined), 20_000, 'conferma awaited at ANAC');
    (t.clock as ManualClock).advance(130 * 60_000);
    const page = await entra('francesca.bianchi');
    await page.goto(`${t.url}/console/appalti/${id}`);
    const attesa = page.getByTestId('attesa-anac');
    await attesa.waitFor();
    await expect(attesa.textContent()).resolves.toMatch(/^in attesa ANAC da 2 h 10 min — oltre la soglia di allarme/);
    await expect(attesa.getAttribute('class')).resolves.toContain('alert-warning');
    await page.getByText('CIG in fase di acquisizione').waitFor();
    await page.screenshot({ path: `${IMG}/console-attesa-anac.png` });
    await senzaViolazioniGravi(page);
    // ANAC answers: the live event brings the CIG into the open page, and the wait is gone.
    t.sim.admin.endWaits();
    await page.getByRole('tab', { name: /ELENCO LOTTI/ }).click();
    const cig = await eventually(async () => {
      const a = (await buyer.request('GET', `/appalti/${id}`)).body;
      return (a.lotti[0]?.cig as string | undefined) ?? undefined;
    }, 20_000, 'the CIG');
    await page.getByRole('cell', { name: cig, exact: true }).waitFor({ timeout: 10_000 });
    await attesa.waitFor({ state: 'detached' });
  });
});
