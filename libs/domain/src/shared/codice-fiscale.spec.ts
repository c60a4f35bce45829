import {
  carattereControlloCodiceFiscale,
  cifraControlloPartitaIva,
  difettoCodiceFiscale,
  erroreAnacCodiceFiscale,
  isCodiceFiscale,
  isCodiceFiscaleNumerico,
  isCodiceFiscalePersona,
} from './codice-fiscale.js';

/** Omocodia: the digit at each of these 0-based positions may be replaced by L M N P Q R S T U V. */
const POSIZIONI_OMOCODIA = [6, 7, 9, 10, 12, 13, 14];
const OMOCODIA = 'LMNPQRSTUV';

describe('codice fiscale: the one check of domain, DTOs and directory', () => {
  it('GVNMRC70A01D61MQ is NOT valid: M stands for 0 (D61M = D610) and its check character is D, not Q', () => {
    expect(carattereControlloCodiceFiscale('GVNMRC70A01D61M')).toBe('D');
    expect(isCodiceFiscale('GVNMRC70A01D61MQ')).toBe(false);
    expect(difettoCodiceFiscale('GVNMRC70A01D61MQ')).toBe('il carattere di controllo è Q, dovrebbe essere D');
    // Q is the check character of the non-omocodic D612 (Firenze); its omocode would be D61N with F.
    expect(isCodiceFiscale('GVNMRC70A01D612Q')).toBe(true);
    expect(isCodiceFiscale('GVNMRC70A01D61NF')).toBe(true);
    expect(isCodiceFiscale('GVNMRC70A01D61MD')).toBe(true);
  });

  it.each([
    ['RSSMRA80A01H501U', true],
    ['BNCFNC80A41D612P', true],
    ['RSSMRA8LA01H50RN', true],
    ['RSSMRA80A01H501A', false],
    ['RSSMRA80Z01H501U', false],
    ['RSSMRA80A01H5O1U', false],
    ['rssmra80a01h501u', false],
  ])('person %s valid: %s', (codice, valido) => {
    expect(isCodiceFiscalePersona(codice)).toBe(valido);
    expect(isCodiceFiscale(codice)).toBe(valido);
  });

  it.each([
    ['01234567897', true],
    ['01386030488', true],
    ['80011600196', true],
    ['00000000000', true],
    ['01234567890', false],
    ['01386030487', false],
    ['0123456789', false],
    ['012345678971', false],
  ])('11 digits %s valid: %s', (codice, valido) => {
    expect(isCodiceFiscaleNumerico(codice)).toBe(valido);
    expect(isCodiceFiscale(codice)).toBe(valido);
  });

  it('01234567890: the check digit of 0123456789 is 7', () => {
    expect(cifraControlloPartitaIva('0123456789')).toBe('7');
    expect(difettoCodiceFiscale('01234567890')).toBe('la cifra di controllo è 0, dovrebbe essere 7');
    expect(erroreAnacCodiceFiscale('01234567890')).toEqual({ codice: 'FVX47', descrizione: 'Codice Fiscale Impresa non valido' });
    expect(erroreAnacCodiceFiscale('GVNMRC70A01D61MQ').codice).toBe('FVX49');
  });

  it('every omocodic substitution of a valid code, with its check character recomputed, is valid; the old check character is not', () => {
    const base = 'RSSMRA80A01H501';
    for (const posizione of POSIZIONI_OMOCODIA) {
      const cifra = Number(base[posizione]);
      const omocodo = base.slice(0, posizione) + OMOCODIA[cifra] + base.slice(posizione + 1);
      const controllo = carattereControlloCodiceFiscale(omocodo);
      expect(isCodiceFiscale(omocodo + controllo)).toBe(true);
      if (controllo !== 'U') expect(isCodiceFiscale(`${omocodo}U`)).toBe(false);
    }
  });

  it('a changed character of the first fifteen is caught by the check character', () => {
    const valido = 'BNCFNC80A41D612P';
    for (let i = 0; i < 15; i++) {
      const c = valido[i];
      const altro = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'Z' ? 'Y' : String.fromCharCode(c.charCodeAt(0) + 1);
      const cambiato = valido.slice(0, i) + altro + valido.slice(i + 1);
      expect(isCodiceFiscale(cambiato)).toBe(false);
    }
  });
});
