import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';

const PROGETTO = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
const SCRIPT = join(PROGETTO, 'scripts', 'estrai-tipologiche.mjs');
const DATI = join(PROGETTO, 'libs', 'domain', 'src', 'tipologiche', 'liste-anac.ts');

/**
 * The code lists in the project are facts extracted from ANAC's folder, not edited by hand: running
 * `npm run tipologiche:estrai` against the local copy of ANAC's repository gives back, byte for byte,
 * the committed data module (the script runs in a scratch copy of the project layout, so the
 * committed file is never overwritten).
 */
(copiaLocaleDisponibile() ? describe : describe.skip)('npm run tipologiche:estrai is reproducible', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'tipologiche-'));
    mkdirSync(join(scratch, 'scripts'));
    mkdirSync(join(scratch, 'libs', 'domain', 'src', 'tipologiche'), { recursive: true });
    copyFileSync(SCRIPT, join(scratch, 'scripts', 'estrai-tipologiche.mjs'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("extracting from the reference copy of ANAC's tipologiche gives exactly the committed liste-anac.ts", () => {
    const uscita = execFileSync(process.execPath, [join(scratch, 'scripts', 'estrai-tipologiche.mjs'), join(COPIA_LOCALE, 'modello-dati', 'tipologiche')], { encoding: 'utf8' });
    expect(uscita).toMatch(/CPV \d+, codIstat \d+, codNUTS \d+/);
    const estratto = readFileSync(join(scratch, 'libs', 'domain', 'src', 'tipologiche', 'liste-anac.ts'), 'utf8');
    const committato = readFileSync(DATI, 'utf8');
    expect(estratto.length).toBe(committato.length);
    expect(estratto === committato).toBe(true);
  });

  it('a list missing from the folder stops the extraction naming it', () => {
    const vuota = join(scratch, 'vuota');
    mkdirSync(vuota);
    expect(() => execFileSync(process.execPath, [join(scratch, 'scripts', 'estrai-tipologiche.mjs'), vuota], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/CPV\.json non trovato/);
  });
});
