import { readFile } from 'node:fs/promises';
import type { Utente } from '#domain';
import { loadConfig, loadOrCreateDevKeys, mintDevToken, RUOLI, type Attore, type Ruolo } from '#platform';
import type { CommandIo } from './valida-cig.js';
import { leggiOpzioni } from './opzioni.js';

const USO = 'uso: cli token --utente <userId> [--ruolo R[,R…]] [--ufficio U] [--ore N]   (utenti: vedi ANAGRAFICA_SEED_FILE)';

/**
 * `npm run cli -- token --utente francesca.bianchi`: a development token for a user of the seed
 * directory, signed with the development key in DATA_DIR/keys (created if missing, the same one
 * the service uses). For trying the API without an identity provider.
 */
export async function tokenCommand(args: string[], io: CommandIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { opzioni } = leggiOpzioni(args);
  const userId = opzioni.get('utente');
  if (!userId) {
    io.err(USO);
    return 2;
  }
  const config = loadConfig(env);
  const seed = JSON.parse(await readFile(config.ANAGRAFICA_SEED_FILE, 'utf8')) as { utenti: Utente[] };
  const utente = seed.utenti.find((u) => u.userId === userId);
  if (!utente) {
    io.err(`utente ${userId} non presente in ${config.ANAGRAFICA_SEED_FILE}; utenti: ${seed.utenti.map((u) => u.userId).join(', ')}`);
    return 1;
  }
  const ruoli = opzioni.get('ruolo')?.split(',') ?? utente.ruoli;
  const ignoti = ruoli.filter((r) => !(RUOLI as readonly string[]).includes(r));
  if (ignoti.length > 0) {
    io.err(`ruoli sconosciuti: ${ignoti.join(', ')} (ammessi: ${RUOLI.join(', ')})`);
    return 2;
  }
  const ore = Number(opzioni.get('ore') ?? 8);
  if (!Number.isFinite(ore) || ore <= 0 || ore > 24 * 30) {
    io.err('--ore: un numero di ore tra 0 e 720');
    return 2;
  }
  const attore: Attore = {
    userId: utente.userId,
    nome: utente.nome,
    codiceFiscale: utente.codiceFiscale,
    ruoli: ruoli as Ruolo[],
    ufficio: opzioni.get('ufficio') ?? utente.ufficio,
    centriDiCosto: utente.centriDiCosto,
    stazioneAppaltante: utente.sa,
  };
  const keys = await loadOrCreateDevKeys(config.DATA_DIR);
  io.out(await mintDevToken(keys, attore, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, ttlSeconds: Math.round(ore * 3600) }));
  return 0;
}
