import { seededRandom } from '#platform';
import { controlloCig, generaCig, isCigValido, validaCig, type FamigliaCig } from './cig-code.js';

// Spec: ANAC, repository anticorruzione/npa, `docs/Algoritmo validazione CIG/algoritmoValidazioneCIG.md`,
// commit 21f8640c6c6770f6ed0e035e91dfe88b6d21d269 (docs/fonti.md).

const LETTERE_PCP = 'ABCDEFGHIJKLMNOPQRSTU'.split('');
const LETTERE_SMART = ['X', 'Y', 'Z'];
const MASSIMI: Record<FamigliaCig, number> = { SIMOG_NUMERICO: 9_999_999, SIMOG_PCP: 0xffffff, SMART_CIG: 0xfffffff };

const intero = (rnd: () => number, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

describe('validaCig - esempi ANAC', () => {
  it.each([
    ['B00012EADB', 'SIMOG_PCP'],
    ['K00003EC3A', 'SIMOG_PCP'],
    ['L00003DC3A', 'SIMOG_PCP'],
  ])('%s is valid', (codice, famiglia) => {
    expect(validaCig(codice)).toEqual({ valido: true, codice, famiglia });
    expect(isCigValido(codice)).toBe(true);
  });

  it('recomputes the ANAC example check by hand', () => {
    // B00012EADB: (0x12E + Ord(B)) * 211 mod 4091 = (302 + 2) * 211 mod 4091 = 2779 = 0xADB
    expect(((0x12e + 2) * 211) % 4091).toBe(0xadb);
    expect(controlloCig('SIMOG_PCP', 0x12e, 'B')).toBe('ADB');
  });
});

describe('validaCig - normalisation', () => {
  it('trims surrounding whitespace', () => {
    expect(validaCig('  B00012EADB\t\n')).toEqual({ valido: true, codice: 'B00012EADB', famiglia: 'SIMOG_PCP' });
  });
  it('accepts lowercase input and reports the uppercase code', () => {
    expect(validaCig('b00012eadb')).toEqual({ valido: true, codice: 'B00012EADB', famiglia: 'SIMOG_PCP' });
    expect(validaCig(' x' + generaCig('SMART_CIG', 0xabc).slice(1).toLowerCase())).toMatchObject({ valido: true });
  });
  it('reports the normalised code also when invalid', () => {
    expect(validaCig(' b00012eadc ')).toMatchObject({ valido: false, codice: 'B00012EADC' });
  });
  it('rejects inner whitespace', () => {
    expect(validaCig('B0001 2EADB').valido).toBe(false);
    expect(validaCig('B0001 EADB')).toMatchObject({ valido: false, motivo: expect.stringContaining("' '") });
  });
  it('does not let Unicode case mapping change the length', () => {
    // '\u00df' (sharp s).toUpperCase() is 'SS': a 9-char input must not become 10 chars.
    expect(validaCig('B00012EA\u00df')).toMatchObject({ valido: false, motivo: 'lunghezza 9, attesi 10 caratteri' });
  });
  it('never throws on non-string input from untyped callers', () => {
    for (const x of [undefined, null, 42, {}, []]) {
      expect(() => validaCig(x as unknown as string)).not.toThrow();
      expect(validaCig(x as unknown as string).valido).toBe(false);
    }
  });
});

describe('validaCig - codes that must fail', () => {
  it.each([
    ['B00012EAD', 'lunghezza 9, attesi 10 caratteri'],
    ['B00012EADBB', 'lunghezza 11, attesi 10 caratteri'],
    ['', 'lunghezza 0, attesi 10 caratteri'],
    ['   ', 'lunghezza 0, attesi 10 caratteri'],
  ])('wrong length %j', (codice, motivo) => {
    expect(validaCig(codice)).toEqual({ valido: false, codice: codice.trim(), motivo });
  });

  it('wrong check characters, with expected and found values', () => {
    expect(validaCig('B00012EADC')).toEqual({
      valido: false,
      codice: 'B00012EADC',
      famiglia: 'SIMOG_PCP',
      motivo: 'carattere di controllo errato: atteso ADB, trovato ADC',
    });
    const numerico = generaCig('SIMOG_NUMERICO', 1234567);
    expect(validaCig(numerico.slice(0, 7) + 'FFF')).toMatchObject({ valido: false, famiglia: 'SIMOG_NUMERICO' });
    const smart = generaCig('SMART_CIG', 0x1234567);
    const kkSbagliato = smart.slice(1, 3) === '00' ? '01' : '00';
    expect(validaCig('X' + kkSbagliato + smart.slice(3))).toMatchObject({
      valido: false,
      famiglia: 'SMART_CIG',
      motivo: `carattere di controllo errato: atteso ${smart.slice(1, 3)}, trovato ${kkSbagliato}`,
    });
  });

  it.each([['0000000000'], ['0000000001'], ['X000000000'], ['Y000000000'], ['Z000000000']])(
    'zero progressive %s',
    (codice) => {
      // 0000000000 and X000000000 would even pass the check: the spec forbids them explicitly.
      expect(validaCig(codice)).toMatchObject({ valido: false, motivo: 'progressivo nullo' });
    },
  );

  it('accepts a zero progressive in the letter family (spec does not forbid it)', () => {
    // Decision documented in cig-code.ts: (0 + Ord(A)) * 211 mod 4091 = 211 = 0x0D3.
    expect(generaCig('SIMOG_PCP', 0)).toBe('A0000000D3');
    expect(validaCig('A0000000D3')).toEqual({ valido: true, codice: 'A0000000D3', famiglia: 'SIMOG_PCP' });
    expect(validaCig('U000000000').valido).toBe(false);
  });

  it.each(['V', 'W', '-', '*', '\u00e9'])('prefix %j is not allowed', (prefisso) => {
    const esito = validaCig(prefisso + '00012EADB');
    expect(esito.valido).toBe(false);
    expect(esito).not.toHaveProperty('famiglia');
  });
  it('explains a disallowed prefix', () => {
    expect(validaCig('V00012EADB')).toMatchObject({ motivo: "prefisso 'V' non ammesso: attesi 0-9, A-U, X, Y, Z" });
    expect(validaCig('W00012EADB')).toMatchObject({ motivo: "prefisso 'W' non ammesso: attesi 0-9, A-U, X, Y, Z" });
  });

  it('non-hex characters in the hex progressive', () => {
    expect(validaCig('B00G12EADB')).toMatchObject({
      valido: false,
      famiglia: 'SIMOG_PCP',
      motivo: "carattere 'G' in posizione 4 non ammesso: attesa una cifra esadecimale (0-9, A-F)",
    });
    expect(validaCig('X3A00Z0001')).toMatchObject({ valido: false, famiglia: 'SMART_CIG', motivo: expect.stringContaining("'Z' in posizione 6") });
  });
  it('non-hex characters in the check part', () => {
    expect(validaCig('B00012EAGB')).toMatchObject({ valido: false, motivo: expect.stringContaining("'G' in posizione 9") });
    expect(validaCig('XG00000001')).toMatchObject({ valido: false, motivo: expect.stringContaining("'G' in posizione 2") });
  });
  it('non-digits in the numeric progressive', () => {
    expect(validaCig('12345A7ABC')).toMatchObject({
      valido: false,
      famiglia: 'SIMOG_NUMERICO',
      motivo: "carattere 'A' in posizione 6 non ammesso: attesa una cifra decimale",
    });
  });
});

describe('generaCig', () => {
  it('produces the documented layouts', () => {
    expect(generaCig('SIMOG_NUMERICO', 1)).toMatch(/^0000001[0-9A-F]{3}$/);
    expect(generaCig('SIMOG_NUMERICO', 1)).toBe('00000010D3'); // 1 * 211 = 0x0D3
    expect(generaCig('SIMOG_PCP', 0x12e, 'B')).toBe('B00012EADB');
    expect(generaCig('SIMOG_PCP', 0x3e, 'K')).toBe('K00003EC3A');
    expect(generaCig('SIMOG_PCP', 0x3d, 'L')).toBe('L00003DC3A');
    expect(generaCig('SMART_CIG', 1)).toBe('XD30000001'); // 211 mod 251 = 0xD3
  });
  it('applies letter defaults A and X, and accepts bigint', () => {
    expect(generaCig('SIMOG_PCP', 5).charAt(0)).toBe('A');
    expect(generaCig('SMART_CIG', 5).charAt(0)).toBe('X');
    expect(generaCig('SIMOG_PCP', 0x12en, 'b')).toBe('B00012EADB');
  });
  it.each<[FamigliaCig, number | bigint, string | undefined]>([
    ['SIMOG_NUMERICO', 0, undefined], ['SIMOG_NUMERICO', 10_000_000, undefined], ['SIMOG_NUMERICO', -1, undefined],
    ['SIMOG_NUMERICO', 1.5, undefined], ['SIMOG_NUMERICO', Number.NaN, undefined], ['SIMOG_NUMERICO', 5, 'A'],
    ['SIMOG_PCP', -1, undefined], ['SIMOG_PCP', 0x1000000, undefined], ['SIMOG_PCP', 1n << 64n, undefined],
    ['SIMOG_PCP', 1, 'V'], ['SIMOG_PCP', 1, 'X'], ['SIMOG_PCP', 1, 'AB'], ['SIMOG_PCP', 1, ''],
    ['SMART_CIG', 0, undefined], ['SMART_CIG', 0x10000000, undefined], ['SMART_CIG', 1, 'A'],
    ['NON_ESISTE' as FamigliaCig, 1, undefined],
  ])('throws RangeError for %s progressive %p letter %p', (famiglia, progressivo, lettera) => {
    expect(() => generaCig(famiglia, progressivo, lettera)).toThrow(RangeError);
    expect(() => controlloCig(famiglia, progressivo, lettera)).toThrow(RangeError);
  });
});

describe('round trip generaCig -> validaCig', () => {
  // Collects failures instead of calling expect() per code: 10^4-10^5 expect calls are slow.
  let fallimenti: string[] = [];
  beforeEach(() => {
    fallimenti = [];
  });
  afterEach(() => {
    expect(fallimenti).toEqual([]);
  });
  const verifica = (famiglia: FamigliaCig, progressivo: number, lettera?: string) => {
    const codice = generaCig(famiglia, progressivo, lettera);
    const esito = validaCig(codice);
    const ok = /^[0-9A-Z]{10}$/.test(codice) && esito.valido && esito.codice === codice && esito.famiglia === famiglia;
    if (!ok) fallimenti.push(`${famiglia} ${progressivo} ${lettera ?? '-'} -> ${codice} ${JSON.stringify(esito)}`);
  };

  it('boundaries of every family', () => {
    for (const p of [1, 2, 9, 10, 4090, 4091, 4092, 999_999, 1_000_000, MASSIMI.SIMOG_NUMERICO]) verifica('SIMOG_NUMERICO', p);
    expect(generaCig('SIMOG_NUMERICO', MASSIMI.SIMOG_NUMERICO).slice(0, 7)).toBe('9999999');
    for (const p of [0, 1, 0xfff, 4091, MASSIMI.SIMOG_PCP]) for (const l of LETTERE_PCP) verifica('SIMOG_PCP', p, l);
    expect(generaCig('SIMOG_PCP', MASSIMI.SIMOG_PCP, 'U').slice(0, 7)).toBe('UFFFFFF');
    for (const p of [1, 250, 251, 252, MASSIMI.SMART_CIG]) for (const l of LETTERE_SMART) verifica('SMART_CIG', p, l);
    expect(generaCig('SMART_CIG', MASSIMI.SMART_CIG, 'Z').slice(3)).toBe('FFFFFFF');
  });

  it('every letter A..U and X, Y, Z', () => {
    for (const l of LETTERE_PCP) for (let p = 0; p < 300; p++) verifica('SIMOG_PCP', p * 997, l);
    for (const l of LETTERE_SMART) for (let p = 1; p < 300; p++) verifica('SMART_CIG', p * 9973, l);
  });

  it('10,000 seeded random progressives per family', () => {
    const rnd = seededRandom(20240611);
    for (let i = 0; i < 10_000; i++) {
      verifica('SIMOG_NUMERICO', intero(rnd, 1, MASSIMI.SIMOG_NUMERICO));
      verifica('SIMOG_PCP', intero(rnd, 0, MASSIMI.SIMOG_PCP), LETTERE_PCP[intero(rnd, 0, 20)]);
      verifica('SMART_CIG', intero(rnd, 1, MASSIMI.SMART_CIG), LETTERE_SMART[intero(rnd, 0, 2)]);
    }
  });
});

describe('single-character mutations', () => {
  const ALFABETO = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const posizioniControllo = (f: FamigliaCig) => (f === 'SMART_CIG' ? [1, 2] : [7, 8, 9]);

  // Every valid code mutated at every position into every other [0-9A-Z] character.
  function statistiche(codici: Array<{ codice: string; famiglia: FamigliaCig }>) {
    const s = { totali: 0, invalidi: 0, controlloTotali: 0, controlloInvalidi: 0, corpoTotali: 0, corpoInvalidi: 0 };
    for (const { codice, famiglia } of codici) {
      for (let pos = 0; pos < 10; pos++) {
        for (const c of ALFABETO) {
          if (c === codice.charAt(pos)) continue;
          const invalido = !isCigValido(codice.slice(0, pos) + c + codice.slice(pos + 1));
          s.totali++;
          if (invalido) s.invalidi++;
          if (posizioniControllo(famiglia).includes(pos)) {
            s.controlloTotali++;
            if (invalido) s.controlloInvalidi++;
          } else if (pos > 0) {
            s.corpoTotali++;
            if (invalido) s.corpoInvalidi++;
          }
        }
      }
    }
    return s;
  }

  let s: ReturnType<typeof statistiche>;
  beforeAll(() => {
    const rnd = seededRandom(42);
    const campione: Array<{ codice: string; famiglia: FamigliaCig }> = [];
    for (let i = 0; i < 300; i++) {
      campione.push({ codice: generaCig('SIMOG_NUMERICO', intero(rnd, 1, MASSIMI.SIMOG_NUMERICO)), famiglia: 'SIMOG_NUMERICO' });
      campione.push({ codice: generaCig('SIMOG_PCP', intero(rnd, 0, MASSIMI.SIMOG_PCP), LETTERE_PCP[intero(rnd, 0, 20)]), famiglia: 'SIMOG_PCP' });
      campione.push({ codice: generaCig('SMART_CIG', intero(rnd, 1, MASSIMI.SMART_CIG), LETTERE_SMART[intero(rnd, 0, 2)]), famiglia: 'SMART_CIG' });
    }
    s = statistiche(campione);
  });

  it('invalidates at least 99% of all single-character changes', () => {
    expect(s.invalidi / s.totali).toBeGreaterThanOrEqual(0.99);
  });
  it('invalidates 100% of changes in the check characters', () => {
    expect(s.controlloInvalidi).toBe(s.controlloTotali);
  });
  it('invalidates 100% of changes in the progressive after the prefix', () => {
    // 4091 and 251 are prime and every single-digit delta d * base^k has 0 < |d| < modulus,
    // so the check always changes; only the first character can switch family.
    expect(s.corpoTotali).toBeGreaterThan(0);
    expect(s.corpoInvalidi).toBe(s.corpoTotali);
  });
  it('documents the spec blind spot: the SmartCIG letter is not covered by KK', () => {
    const codice = generaCig('SMART_CIG', 0x1234567, 'X');
    expect(isCigValido('Y' + codice.slice(1))).toBe(true);
    expect(isCigValido('Z' + codice.slice(1))).toBe(true);
  });
});
