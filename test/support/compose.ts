import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Reads `docker-compose.yml` and the Dockerfile the way Docker Compose would, so that a test can
 * run each service of the stack as a local process with the environment its container gets,
 * without a Docker engine.
 */
export interface ServizioCompose {
  readonly nome: string;
  readonly costruitoQui: boolean;
  readonly comando: readonly string[];
  /** The image's ENV overlaid with the service's `environment`, variables interpolated. */
  readonly ambiente: Readonly<Record<string, string>>;
  /** `volume-or-folder` → path in the container. */
  readonly volumi: ReadonlyArray<{ readonly sorgente: string; readonly destinazione: string }>;
  readonly porte: readonly string[];
  readonly healthcheck?: readonly string[];
  readonly profili: readonly string[];
  readonly dipendeDa: readonly string[];
}

export interface Immagine {
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
  readonly user?: string;
  readonly copiati: readonly string[];
}

/** Compose variable interpolation: `${X}`, `${X:-d}`, `${X-d}`, `$X`, `$$`, from `variabili`. */
export function interpola(testo: string, variabili: Readonly<Record<string, string | undefined>>): string {
  return testo.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (intero, nome, operatore, predefinito, semplice) => {
    if (intero === '$$') return '$';
    const chiave = nome ?? semplice;
    const valore = variabili[chiave];
    if (operatore === ':-') return valore === undefined || valore === '' ? predefinito : valore;
    if (operatore === '-') return valore === undefined ? predefinito : valore;
    return valore ?? '';
  });
}

/** The final stage of a Dockerfile: its ENV, CMD, USER and the paths it copies. */
export function leggiDockerfile(file: string): Immagine {
  const righe = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n').map((r) => r.trim());
  const ultimaFase = righe.map((r, i) => (/^FROM\s/i.test(r) ? i : -1)).filter((i) => i >= 0).pop() ?? 0;
  const env: Record<string, string> = {};
  let cmd: string[] = [];
  let user: string | undefined;
  const copiati: string[] = [];
  for (const riga of righe.slice(ultimaFase)) {
    const [istruzione, ...resto] = riga.split(/\s+/);
    const argomenti = resto.join(' ');
    switch (istruzione?.toUpperCase()) {
      case 'ENV':
        for (const m of argomenti.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
        break;
      case 'CMD':
        cmd = JSON.parse(argomenti) as string[];
        break;
      case 'USER':
        user = argomenti;
        break;
      case 'COPY':
        copiati.push(argomenti.split(/\s+/).filter((p) => !p.startsWith('--')).slice(-1)[0]);
        break;
      default:
    }
  }
  return { env, cmd, user, copiati };
}

export function leggiCompose(file: string, immagine: Immagine, variabili: Readonly<Record<string, string | undefined>> = {}): ServizioCompose[] {
  const documento = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, any> };
  return Object.entries(documento.services).map(([nome, s]) => {
    const ambienteDichiarato = Object.entries((s.environment ?? {}) as Record<string, unknown>).map(
      ([chiave, valore]): [string, string] => [chiave, interpola(String(valore ?? ''), variabili)],
    );
    const costruitoQui = s.build !== undefined;
    return {
      nome,
      costruitoQui,
      comando: (s.command as string[] | undefined) ?? (costruitoQui ? immagine.cmd : []),
      ambiente: { ...(costruitoQui ? immagine.env : {}), ...Object.fromEntries(ambienteDichiarato) },
      volumi: ((s.volumes ?? []) as string[]).map((v) => {
        const [sorgente, destinazione] = interpola(v, variabili).split(':');
        return { sorgente, destinazione };
      }),
      porte: (s.ports ?? []) as string[],
      healthcheck: s.healthcheck?.test as string[] | undefined,
      profili: (s.profiles ?? []) as string[],
      dipendeDa: Object.keys(s.depends_on ?? {}),
    };
  });
}
