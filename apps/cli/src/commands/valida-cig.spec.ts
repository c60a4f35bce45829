import { validaCigCommand } from './valida-cig.js';

/** Fake io capturing stdout/stderr lines. */
function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe('validaCigCommand', () => {
  it('prints one line per valid code and returns 0', async () => {
    const f = fakeIo();
    await expect(validaCigCommand(['B00012EADB', 'K00003EC3A', 'L00003DC3A'], f.io)).resolves.toBe(0);
    expect(f.out).toEqual([
      'B00012EADB\tvalido\tSIMOG_PCP\t-',
      'K00003EC3A\tvalido\tSIMOG_PCP\t-',
      'L00003DC3A\tvalido\tSIMOG_PCP\t-',
    ]);
    expect(f.err).toEqual([]);
  });

  it('returns 1 when any code is invalid and reports family and reason', async () => {
    const f = fakeIo();
    await expect(validaCigCommand(['B00012EADB', 'B00012EADC', 'V00012EADB', 'X000000000'], f.io)).resolves.toBe(1);
    expect(f.out).toEqual([
      'B00012EADB\tvalido\tSIMOG_PCP\t-',
      'B00012EADC\tnon valido\tSIMOG_PCP\tcarattere di controllo errato: atteso ADB, trovato ADC',
      "V00012EADB\tnon valido\t-\tprefisso 'V' non ammesso: attesi 0-9, A-U, X, Y, Z",
      'X000000000\tnon valido\tSMART_CIG\tprogressivo nullo',
    ]);
    expect(f.err).toEqual([]);
  });

  it('prints the normalised code for lowercase and padded input', async () => {
    const f = fakeIo();
    await expect(validaCigCommand([' b00012eadb '], f.io)).resolves.toBe(0);
    expect(f.out).toEqual(['B00012EADB\tvalido\tSIMOG_PCP\t-']);
  });

  it('keeps one line with four columns even if an argument contains tabs or newlines', async () => {
    const f = fakeIo();
    await expect(validaCigCommand(['B0001\t2EADB', 'B00\n12EADB'], f.io)).resolves.toBe(1);
    expect(f.out).toHaveLength(2);
    for (const line of f.out) {
      expect(line).not.toMatch(/\n/);
      expect(line.split('\t')).toHaveLength(4);
    }
    expect(f.out[0]).toBe('B0001\\t2EADB\tnon valido\t-\tlunghezza 11, attesi 10 caratteri');
  });

  it('returns 2 with a usage message on stderr when no codes are given', async () => {
    const f = fakeIo();
    await expect(validaCigCommand([], f.io)).resolves.toBe(2);
    expect(f.out).toEqual([]);
    expect(f.err).toEqual([expect.stringMatching(/^uso: .*valida-cig/)]);
  });
});
