import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import { caricaRegoleAnac } from './motore-dmn.js';

const MODELLO_DATI = join(COPIA_LOCALE, 'modello-dati');

(copiaLocaleDisponibile() ? describe : describe.skip)('the parsed tables kept by content (the cache of caricaRegoleAnac)', () => {
  let cartella: string;
  const carica = (schede: string[], cache: string | false = cartella) => caricaRegoleAnac(MODELLO_DATI, schede, undefined, { cache });
  beforeEach(() => {
    cartella = mkdtempSync(join(tmpdir(), 'regole-cache-'));
  });
  afterEach(() => {
    rmSync(cartella, { recursive: true, force: true });
  });

  it('the first load keeps one copy per file, the next reads it and gets the same tables', async () => {
    const dalXml = await carica(['AD5', 'P2_16']);
    const copie = readdirSync(cartella);
    expect(copie).toHaveLength(2);
    const copia = JSON.parse(readFileSync(join(cartella, copie[0]), 'utf8'));
    expect(Array.isArray(copia.tabelle)).toBe(true);
    expect(Object.keys(copia.entrate).length).toBeGreaterThan(0);

    const dallaCopia = await carica(['AD5', 'P2_16']);
    expect([...dallaCopia.tabelle.entries()]).toEqual([...dalXml.tabelle.entries()]);
    expect(dallaCopia.identita).toEqual(dalXml.identita);
    expect(dallaCopia.compilazione).toEqual(dalXml.compilazione);
  });

  it('a copy is what is read (an edited copy shows), an unreadable one is replaced by the XML, false keeps none', async () => {
    const dalXml = await carica(['AD5']);
    const [nome] = readdirSync(cartella);
    const copia = JSON.parse(readFileSync(join(cartella, nome), 'utf8'));
    copia.tabelle[0].regole[0].descrizione = 'letta dalla copia';
    writeFileSync(join(cartella, nome), JSON.stringify(copia));
    expect((await carica(['AD5'])).tabelle.get('AD5')!.regole[0].descrizione).toBe('letta dalla copia');

    writeFileSync(join(cartella, nome), '{ non è JSON');
    expect([...(await carica(['AD5'])).tabelle.entries()]).toEqual([...dalXml.tabelle.entries()]);
    expect(JSON.parse(readFileSync(join(cartella, nome), 'utf8')).tabelle).toEqual([...dalXml.tabelle.values()]);

    rmSync(join(cartella, nome));
    expect([...(await carica(['AD5'], false)).tabelle.entries()]).toEqual([...dalXml.tabelle.entries()]);
    expect(readdirSync(cartella)).toEqual([]);
  });
});
