import { oltreProfondita } from './profondita-json.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('oltreProfondita: nesting of a JSON text, counted on its bytes', () => {
  it('counts objects and arrays, up to the limit included', () => {
    expect(oltreProfondita(b('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(oltreProfondita(b('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(oltreProfondita(b('['.repeat(64) + ']'.repeat(64)), 64)).toBe(false);
    expect(oltreProfondita(b('['.repeat(65) + ']'.repeat(65)), 64)).toBe(true);
  });

  it('siblings do not add up; brackets inside strings and escaped quotes do not count', () => {
    expect(oltreProfondita(b(JSON.stringify(Array.from({ length: 1000 }, () => [[1]]))), 3)).toBe(false);
    expect(oltreProfondita(b(JSON.stringify({ a: '[[[[{{{{', b: 'virgolette \\" [[[[ "' })), 1)).toBe(false);
    expect(oltreProfondita(b('{"a":"\\\\"}'), 1)).toBe(false);
    expect(oltreProfondita(b('{"a":"\\\\",  "b":[[1]]}'), 2)).toBe(true);
    expect(oltreProfondita(b('{"è ü 中":"[[[ 😀"}'), 1)).toBe(false);
  });

  it('a megabyte of nesting is refused at the 65th byte', () => {
    const profondo = b('['.repeat(500_000) + ']'.repeat(500_000));
    expect(oltreProfondita(profondo, 64)).toBe(true);
  });
});
