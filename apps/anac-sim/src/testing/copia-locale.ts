import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { creaBundle } from './openapi-bundle.js';
import { VerificatorePcp } from './verificatore-pcp.js';

/**
 * The local copy of ANAC's published PCP interface (repository `anticorruzione/npa`), kept beside
 * the project by its developers and CI; tests that need it are skipped, saying why, where it is absent.
 */
export const COPIA_LOCALE = resolve(fileURLToPath(new URL('../../../../', import.meta.url)), '../shared/reference/anac-pcp');
export const SPECIFICA = join(COPIA_LOCALE, 'specifiche-servizi-appalto.yaml');
export const copiaLocaleDisponibile = (): boolean => existsSync(SPECIFICA);

/**
 * One code list (tipologica) as ANAC publishes it. ANAC's files are not all strict JSON
 * (`codNUTS.json` has trailing commas): a file JSON refuses is read as YAML, whose flow syntax
 * is a superset of JSON that allows them.
 */
export function leggiTipologica(file: string): Array<{ codice: string }> {
  const testo = readFileSync(file, 'utf8');
  try {
    return JSON.parse(testo) as Array<{ codice: string }>;
  } catch {
    return parse(testo.replace(/\r/g, '')) as Array<{ codice: string }>;
  }
}

/** The checker of exchanges against ANAC's OpenAPI and every code list of the local copy. */
export function verificatoreDaCopiaLocale(): VerificatorePcp {
  const carica = (file: string) => {
    const percorso = join(COPIA_LOCALE, file);
    // The YAML files use CRLF in places and redefine anchors; `yaml` accepts both.
    return existsSync(percorso) ? parse(readFileSync(percorso, 'utf8').replace(/\r/g, ''), { uniqueKeys: false }) : undefined;
  };
  const cartella = join(COPIA_LOCALE, 'modello-dati/tipologiche');
  const codici = new Map<string, Set<string>>(
    readdirSync(cartella).filter((f) => f.endsWith('.json')).map((f) => [
      f.replace(/\.json$/, ''),
      new Set(leggiTipologica(join(cartella, f)).map((x) => x.codice)),
    ]),
  );
  return new VerificatorePcp(creaBundle(carica, 'specifiche-servizi-appalto.yaml'), codici);
}
