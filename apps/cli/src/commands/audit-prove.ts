import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { DocumentoConsistenza, DocumentoInclusione, EsitoConsistenza, RispostaTestimone, TestaFirmata } from '#read-models';
import { ESITO, type CommandIo, type ContestoCli } from '../programma.js';

/**
 * `audit verifica-inclusione`, `audit verifica-consistenza`, `audit testimone`: the Merkle proofs of
 * the trail checked offline with only the public keys, and a witness that keeps the signed heads and
 * catches a split view or a rewrite. Exit codes: 0 verified, 1 verification failed, 2 usage or
 * unreadable input. docs/audit.md, "Proofs" and "Witness".
 */
export function registraProveAudit(audit: Command, c: ContestoCli): void {
  audit
    .command('verifica-inclusione')
    .description('verifica offline le prove di inclusione (GET /audit/inclusione o GET /cig/:cig/storia?prove=true)')
    .argument('<file>', 'il documento JSON delle prove')
    .requiredOption('--chiave-pubblica <pem>', 'le chiavi pubbliche delle teste (PEM, anche più di una: GET /audit/sth/chiavi?formato=pem)')
    .option('--json', "l'esito in JSON")
    .action((file: string, o: { chiavePubblica: string; json?: boolean }) => c.esegui(() => verificaInclusioneCmd(c.io, file, o.chiavePubblica, o.json === true)));

  audit
    .command('verifica-consistenza')
    .description('verifica offline che una testa più recente estenda la testa conservata (GET /audit/consistenza?da=…)')
    .argument('<testa>', 'la testa conservata (JSON di GET /audit/sth, o un file del testimone)')
    .argument('<prova>', 'la prova di consistenza (JSON di GET /audit/consistenza)')
    .requiredOption('--chiave-pubblica <pem>', 'le chiavi pubbliche delle teste (PEM, anche più di una)')
    .option('--json', "l'esito in JSON")
    .action((testa: string, prova: string, o: { chiavePubblica: string; json?: boolean }) =>
      c.esegui(() => verificaConsistenzaCmd(c.io, testa, prova, o.chiavePubblica, o.json === true)),
    );

  audit
    .command('testimone')
    .description('testimone: legge le teste firmate del servizio, controlla che ognuna estenda l\'ultima conservata, le controfirma e le conserva')
    .requiredOption('--url <url>', 'indirizzo del servizio (es. https://cig.example.it)')
    .requiredOption('--dir <cartella>', 'dove conservare teste e controfirme (e la chiave del testimone)')
    .requiredOption('--chiave-pubblica <pem>', 'le chiavi pubbliche delle teste, ottenute prima e non dal servizio che si controlla')
    .option('--intervallo <secondi>', 'attesa tra due letture (predefinito 60)')
    .option('--volte <n>', 'quante letture, poi termina (predefinito: senza fine)')
    .option('--ascolta <porta>', 'invece di leggere: riceve le teste che il servizio pubblica (POST /testa, AUDIT_TESTIMONI) su questa porta e risponde la controfirma')
    .option('--host <indirizzo>', "con --ascolta: l'indirizzo su cui ascoltare (predefinito 127.0.0.1)")
    .addHelpText('after', '\nCodici di uscita: 0 ogni testa estende la precedente, 1 vista divisa, riscrittura o firma non valida (rapporto in <cartella>/allarmi), 2 uso errato o servizio non raggiungibile all\'ultima lettura.\nCon --ascolta resta in ascolto finché non è arrestato: una testa che non estende l\'ultima conservata riceve 409 (application/problem+json) e lascia un rapporto in <cartella>/allarmi.')
    .action((o: { url: string; dir: string; chiavePubblica: string; intervallo?: string; volte?: string; ascolta?: string; host?: string }) =>
      c.esegui(() => (o.ascolta === undefined ? testimoneCmd(c.io, o) : ascoltaCmd(c.io, { ...o, ascolta: o.ascolta }))),
    );
}

async function leggiJson(io: CommandIo, file: string): Promise<unknown> {
  if (!existsSync(file)) {
    io.err(`file non trovato: ${file}`);
    return undefined;
  }
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: JSON non leggibile (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/**
 * What both modes of the witness need before they start: the service's address, its public keys
 * (usage error, answered on stderr, otherwise) and the folder of the heads kept.
 */
async function preparaTestimone(io: CommandIo, o: OpzioniTestimone): Promise<Map<string, KeyObject> | undefined> {
  try {
    new URL(o.url);
  } catch {
    io.err(`--url: indirizzo non valido: ${o.url}`);
    return undefined;
  }
  const chiavi = await portachiaviDa(io, o.chiavePubblica);
  if (chiavi) await mkdir(join(o.dir, 'teste'), { recursive: true });
  return chiavi;
}

async function portachiaviDa(io: CommandIo, file: string): Promise<Map<string, KeyObject> | undefined> {
  if (!existsSync(file)) {
    io.err(`file non trovato: ${file}`);
    return undefined;
  }
  const { portachiavi } = await import('#read-models');
  try {
    const chiavi = portachiavi([await readFile(file, 'utf8')]);
    if (chiavi.size === 0) io.err(`${file}: nessuna chiave pubblica PEM`);
    return chiavi.size > 0 ? chiavi : undefined;
  } catch (error) {
    io.err(`${file}: chiave pubblica non leggibile (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/** A head from a file: GET /audit/sth's answer, or a witness's file (`{ testa, controfirma }`). */
const testaDa = (x: unknown): TestaFirmata | undefined => {
  const o = x as { testa?: TestaFirmata } & Partial<TestaFirmata>;
  const t = o?.testa ?? o;
  return t && typeof t.dimensione === 'string' && typeof t.radice === 'string' && typeof t.firma === 'string' ? (t as TestaFirmata) : undefined;
};

async function verificaInclusioneCmd(io: CommandIo, file: string, pem: string, json: boolean): Promise<number> {
  const [doc, chiavi] = [await leggiJson(io, file), await portachiaviDa(io, pem)];
  if (doc === undefined || !chiavi) return ESITO.USO;
  const { verificaDocumentoInclusione } = await import('#read-models');
  // The history with ?prove=true carries the document under `prove`.
  const d = ((doc as { prove?: { formato?: unknown } }).prove?.formato ? (doc as { prove: unknown }).prove : doc) as DocumentoInclusione;
  const esito = verificaDocumentoInclusione(d, chiavi);
  if (json) io.out(JSON.stringify(esito));
  else if (esito.valida) io.out(`inclusione verificata: ${esito.verificati} record nella testa di dimensione ${d.testa.dimensione} (radice ${d.testa.radice.slice(0, 16)}…, chiave ${d.testa.chiave}, ${d.testa.timestamp})`);
  else io.out(`inclusione NON verificata: ${esito.problema!.tipo}: ${esito.problema!.dettaglio}`);
  return esito.valida ? ESITO.OK : ESITO.FALLITO;
}

async function verificaConsistenzaCmd(io: CommandIo, fileTesta: string, fileProva: string, pem: string, json: boolean): Promise<number> {
  const [t, doc, chiavi] = [await leggiJson(io, fileTesta), await leggiJson(io, fileProva), await portachiaviDa(io, pem)];
  if (t === undefined || doc === undefined || !chiavi) return ESITO.USO;
  const conservata = testaDa(t);
  if (!conservata) {
    io.err(`${fileTesta}: non è una testa firmata (dimensione, radice, firma)`);
    return ESITO.USO;
  }
  const { verificaDocumentoConsistenza } = await import('#read-models');
  const esito = verificaDocumentoConsistenza(conservata, doc as DocumentoConsistenza, chiavi);
  if (json) io.out(JSON.stringify(esito));
  else io.out(`${esito.valida ? 'consistenza verificata' : `consistenza NON verificata: ${esito.tipo}`}: ${esito.dettaglio}`);
  return esito.valida ? ESITO.OK : ESITO.FALLITO;
}


interface OpzioniTestimone {
  readonly url: string;
  readonly dir: string;
  readonly chiavePubblica: string;
  readonly intervallo?: string;
  readonly volte?: string;
}

/** One stored head: `<dir>/teste/<size, 20 digits>.json`. */
const fileTesta = (dir: string, dimensione: string) => join(dir, 'teste', `${dimensione.padStart(20, '0')}.json`);

async function ultimaConservata(dir: string): Promise<TestaFirmata | undefined> {
  const nomi = existsSync(join(dir, 'teste')) ? (await readdir(join(dir, 'teste'))).filter((n) => /^\d{20}\.json$/.test(n)).sort() : [];
  if (nomi.length === 0) return undefined;
  return testaDa(JSON.parse(await readFile(join(dir, 'teste', nomi.at(-1)!), 'utf8')));
}

async function chiaveTestimone(dir: string): Promise<{ privata: KeyObject; chiave: string; pem: string }> {
  const { idChiave } = await import('#read-models');
  const file = join(dir, 'testimone-ed25519.pem');
  if (!existsSync(file)) await writeFile(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  const privata = createPrivateKey(await readFile(file, 'utf8'));
  const { createPublicKey } = await import('node:crypto');
  const pubblica = createPublicKey(privata);
  return { privata, chiave: idChiave(pubblica), pem: pubblica.export({ type: 'spki', format: 'pem' }).toString() };
}

class Irraggiungibile extends Error {}

async function leggiServizio(base: string, percorso: string): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(new URL(percorso, base.endsWith('/') ? base : `${base}/`), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    const testo = await res.text();
    return { status: res.status, body: testo ? JSON.parse(testo) : undefined };
  } catch (error) {
    throw new Irraggiungibile(`${percorso}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * One poll of the witness: reads the latest head, checks it against the last one kept (split view,
 * regression, consistency proof), countersigns and keeps it. Returns the outcome, or undefined when
 * there is nothing new.
 */
export async function passoTestimone(
  o: { url: string; dir: string; chiavi: ReadonlyMap<string, KeyObject> },
  adesso: () => Date = () => new Date(),
): Promise<{ esito: EsitoConsistenza; conservata?: TestaFirmata; nuova?: TestaFirmata } | undefined> {
  const { confrontaTeste, verificaTesta } = await import('#read-models');
  const sth = await leggiServizio(o.url, 'audit/sth');
  if (sth.status === 404) return undefined;
  if (sth.status !== 200) throw new Irraggiungibile(`GET /audit/sth: HTTP ${sth.status}`);
  const nuova = testaDa(sth.body);
  if (!nuova) throw new Irraggiungibile('GET /audit/sth: risposta senza testa');
  const conservata = await ultimaConservata(o.dir);
  let esito: EsitoConsistenza;
  let da: string | null = null;
  if (!conservata) {
    const firma = verificaTesta(nuova, o.chiavi);
    esito = firma === 'VALIDA' ? { tipo: 'CONSISTENTE', valida: true, dettaglio: `prima testa conservata (dimensione ${nuova.dimensione})` } : { tipo: firma, valida: false, dettaglio: `la testa di dimensione ${nuova.dimensione}: ${firma}` };
  } else if (conservata.dimensione === nuova.dimensione && conservata.radice === nuova.radice) {
    return undefined;
  } else {
    let prova: string[] | undefined;
    let nuovaDallaProva = nuova;
    if (Number(nuova.dimensione) > Number(conservata.dimensione)) {
      const c = await leggiServizio(o.url, `audit/consistenza?da=${conservata.dimensione}&a=${nuova.dimensione}`);
      if (c.status !== 200) throw new Irraggiungibile(`GET /audit/consistenza: HTTP ${c.status}`);
      const doc = c.body as DocumentoConsistenza;
      prova = doc.prova as string[];
      nuovaDallaProva = doc.testa;
      const { verificaDocumentoConsistenza } = await import('#read-models');
      esito = verificaDocumentoConsistenza(conservata, doc, o.chiavi);
      if (esito.valida && (doc.testa.radice !== nuova.radice || doc.testa.dimensione !== nuova.dimensione)) {
        esito = { tipo: 'VISTA_DIVISA', valida: false, dettaglio: `GET /audit/sth e GET /audit/consistenza mostrano due teste diverse di dimensione ${nuova.dimensione}` };
      }
    } else {
      esito = confrontaTeste(conservata, nuova, prova, o.chiavi);
    }
    da = conservata.dimensione;
    if (!esito.valida) return { esito, conservata, nuova: nuovaDallaProva };
  }
  if (!esito.valida) return { esito, conservata, nuova };
  await conserva(o.dir, nuova, da, adesso);
  return { esito, conservata, nuova };
}

async function testimoneCmd(io: CommandIo, o: OpzioniTestimone, adesso: () => Date = () => new Date()): Promise<number> {
  const intervallo = o.intervallo === undefined ? 60 : Number(o.intervallo);
  const volte = o.volte === undefined ? Number.POSITIVE_INFINITY : Number(o.volte);
  if (!(Number.isFinite(intervallo) && intervallo >= 0 && intervallo <= 86_400)) {
    io.err('--intervallo: secondi, da 0 a 86400');
    return ESITO.USO;
  }
  if (!(volte === Number.POSITIVE_INFINITY || (Number.isInteger(volte) && volte >= 1))) {
    io.err('--volte: un intero da 1');
    return ESITO.USO;
  }
  const chiavi = await preparaTestimone(io, o);
  if (!chiavi) return ESITO.USO;
  let ultimaRiuscita = true;
  for (let i = 0; i < volte; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, intervallo * 1000));
    try {
      const passo = await passoTestimone({ url: o.url, dir: o.dir, chiavi }, adesso);
      ultimaRiuscita = true;
      if (!passo) continue;
      if (passo.esito.valida) {
        io.out(`testa ${passo.nuova!.dimensione} controfirmata e conservata: ${passo.esito.dettaglio}`);
        continue;
      }
      const rapporto = {
        esito: passo.esito.tipo,
        dettaglio: passo.esito.dettaglio,
        conservata: passo.conservata ?? null,
        presentata: passo.nuova ?? null,
        servizio: o.url,
        rilevatoIl: adesso().toISOString(),
      };
      await mkdir(join(o.dir, 'allarmi'), { recursive: true });
      const file = join(o.dir, 'allarmi', `${rapporto.rilevatoIl.replace(/[:.]/g, '-')}.json`);
      await writeFile(file, `${JSON.stringify(rapporto, null, 2)}\n`);
      io.out(`ALLARME ${passo.esito.tipo}: ${passo.esito.dettaglio}`);
      if (passo.conservata) io.out(`testa conservata: dimensione ${passo.conservata.dimensione}, radice ${passo.conservata.radice}, timestamp ${passo.conservata.timestamp}`);
      if (passo.nuova) io.out(`testa presentata: dimensione ${passo.nuova.dimensione}, radice ${passo.nuova.radice}, timestamp ${passo.nuova.timestamp}`);
      io.out(`rapporto: ${file}`);
      return ESITO.FALLITO;
    } catch (error) {
      if (!(error instanceof Irraggiungibile)) throw error;
      ultimaRiuscita = false;
      io.err(`servizio non raggiungibile, riprovo: ${error.message}`);
    }
  }
  return ultimaRiuscita ? ESITO.OK : ESITO.USO;
}

/** Countersigns a head and keeps it (`<dir>/teste/<size>.json`); answers what the service receives. */
async function conserva(dir: string, nuova: TestaFirmata, da: string | null, adesso: () => Date): Promise<RispostaTestimone> {
  const { controfirma, testaNuda, FORMATO_CONTROFIRMA } = await import('#read-models');
  const k = await chiaveTestimone(dir);
  const testa = testaNuda(nuova);
  const firmata = { testimone: k.chiave, formato: FORMATO_CONTROFIRMA, firma: controfirma(testa, k.privata, k.chiave) };
  await mkdir(join(dir, 'teste'), { recursive: true });
  await writeFile(fileTesta(dir, testa.dimensione), `${JSON.stringify({ testa, controfirma: firmata, verificataIl: adesso().toISOString(), consistenteCon: da }, null, 2)}\n`);
  return { ...firmata, chiavePubblica: k.pem };
}

async function scriviAllarme(dir: string, rapporto: Record<string, unknown> & { rilevatoIl: string }): Promise<string> {
  await mkdir(join(dir, 'allarmi'), { recursive: true });
  const file = join(dir, 'allarmi', `${rapporto.rilevatoIl.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(rapporto, null, 2)}\n`);
  return file;
}

async function conservataDi(dir: string, dimensione: string): Promise<{ testa: TestaFirmata; controfirma: Omit<RispostaTestimone, 'chiavePubblica'> } | undefined> {
  const f = fileTesta(dir, dimensione);
  return existsSync(f) ? JSON.parse(await readFile(f, 'utf8')) : undefined;
}

export type EsitoPresentata =
  | { readonly valida: true; readonly risposta: RispostaTestimone; readonly dettaglio: string }
  | { readonly valida: false; readonly esito: EsitoConsistenza; readonly conservata?: TestaFirmata };

/**
 * A head the service published to the witness (POST /testa): its signature with the keyring, then
 * against the last head kept, with a consistency proof read from the service (GET /audit/consistenza).
 * The same head again (a retry whose answer was lost) is answered with the countersignature kept.
 */
export async function esaminaPresentata(
  o: { url: string; dir: string; chiavi: ReadonlyMap<string, KeyObject> },
  presentata: TestaFirmata,
  adesso: () => Date = () => new Date(),
): Promise<EsitoPresentata> {
  const { verificaTesta, verificaDocumentoConsistenza, testaNuda } = await import('#read-models');
  const nuova = testaNuda(presentata);
  const firma = verificaTesta(nuova, o.chiavi);
  if (firma !== 'VALIDA') return { valida: false, esito: { tipo: firma, valida: false, dettaglio: `la testa di dimensione ${nuova.dimensione}: ${firma}` } };
  const k = await chiaveTestimone(o.dir);
  const giaVista = await conservataDi(o.dir, nuova.dimensione);
  if (giaVista) {
    if (giaVista.testa.radice === nuova.radice) return { valida: true, risposta: { ...giaVista.controfirma, chiavePubblica: k.pem } as RispostaTestimone, dettaglio: 'già conservata' };
    return {
      valida: false,
      conservata: giaVista.testa,
      esito: { tipo: 'VISTA_DIVISA', valida: false, dettaglio: `due teste firmate di dimensione ${nuova.dimensione} con radici diverse: ${giaVista.testa.radice} conservata, ${nuova.radice} presentata` },
    };
  }
  const conservata = await ultimaConservata(o.dir);
  if (!conservata) return { valida: true, risposta: await conserva(o.dir, nuova, null, adesso), dettaglio: `prima testa conservata (dimensione ${nuova.dimensione})` };
  const [piccola, grande] = Number(nuova.dimensione) > Number(conservata.dimensione) ? [conservata, nuova] : [nuova, conservata];
  const c = await leggiServizio(o.url, `audit/consistenza?da=${piccola.dimensione}&a=${grande.dimensione}`);
  if (c.status !== 200) throw new Irraggiungibile(`GET /audit/consistenza: HTTP ${c.status}`);
  const doc = c.body as DocumentoConsistenza;
  let esito = verificaDocumentoConsistenza(piccola, doc, o.chiavi);
  if (esito.valida && (doc.testa?.radice !== grande.radice || doc.testa?.dimensione !== grande.dimensione)) {
    esito = { tipo: 'VISTA_DIVISA', valida: false, dettaglio: `la testa di dimensione ${grande.dimensione} presentata e quella della prova di consistenza sono diverse` };
  }
  if (!esito.valida) return { valida: false, esito, conservata };
  return { valida: true, risposta: await conserva(o.dir, nuova, conservata.dimensione, adesso), dettaglio: esito.dettaglio };
}

const rispondi = (res: ServerResponse, status: number, corpo: unknown, tipo = 'application/json') => {
  res.writeHead(status, { 'content-type': `${tipo}; charset=utf-8` });
  res.end(JSON.stringify(corpo));
};
const problema = (res: ServerResponse, status: number, code: string, detail: string, altro: Record<string, unknown> = {}) =>
  rispondi(res, status, { type: 'about:blank', title: code, status, code, detail, ...altro }, 'application/problem+json');

async function leggiCorpo(req: IncomingMessage): Promise<string> {
  let testo = '';
  for await (const parte of req) {
    testo += String(parte);
    if (testo.length > 64_000) throw new Error('corpo troppo grande');
  }
  return testo;
}

/**
 * The witness over HTTP (`--ascolta`): POST /testa with a signed head answers 200 and the
 * countersignature, 409 problem+json when the head does not extend the one kept (split view,
 * rewrite, regression; a report in <dir>/allarmi), 422 for a head that is not one or is not signed
 * by the service's keys, 503 when the service's consistency proof cannot be read (the service
 * retries). GET /chiave: the witness's public key. One head at a time.
 */
async function ascoltaCmd(io: CommandIo, o: OpzioniTestimone & { ascolta: string; host?: string }, adesso: () => Date = () => new Date()): Promise<number> {
  const porta = Number(o.ascolta);
  if (!(Number.isInteger(porta) && porta >= 0 && porta <= 65_535)) {
    io.err('--ascolta: una porta, da 0 a 65535');
    return ESITO.USO;
  }
  const chiavi = await preparaTestimone(io, o);
  if (!chiavi) return ESITO.USO;
  const k = await chiaveTestimone(o.dir);
  let coda: Promise<unknown> = Promise.resolve();
  const gestisci = async (req: IncomingMessage, res: ServerResponse) => {
    const percorso = new URL(req.url ?? '/', 'http://testimone').pathname;
    if (req.method === 'GET' && percorso === '/chiave') return rispondi(res, 200, { algoritmo: 'Ed25519', chiave: k.chiave, chiavePubblica: k.pem });
    if (percorso !== '/testa') return problema(res, 404, 'NON_TROVATO', `${percorso}: il testimone risponde a POST /testa e GET /chiave`);
    if (req.method !== 'POST') return problema(res, 405, 'METODO_NON_AMMESSO', 'POST /testa con la testa firmata');
    let presentata: TestaFirmata | undefined;
    try {
      presentata = testaDa(JSON.parse(await leggiCorpo(req)));
    } catch {
      presentata = undefined;
    }
    if (!presentata) return problema(res, 422, 'FORMATO', 'il corpo non è una testa firmata (dimensione, radice, firma)');
    const esame = await esaminaPresentata({ url: o.url, dir: o.dir, chiavi }, presentata, adesso).catch((error: unknown) => error);
    if (esame instanceof Irraggiungibile) {
      io.err(`servizio non raggiungibile: ${esame.message}`);
      return problema(res, 503, 'SERVIZIO_NON_RAGGIUNGIBILE', `la prova di consistenza non è leggibile: ${esame.message}`);
    }
    if (esame instanceof Error) throw esame;
    const e = esame as EsitoPresentata;
    if (e.valida) {
      io.out(`testa ${presentata.dimensione} controfirmata e conservata: ${e.dettaglio}`);
      return rispondi(res, 200, e.risposta);
    }
    if (e.esito.tipo === 'FIRMA_NON_VALIDA' || e.esito.tipo === 'CHIAVE_SCONOSCIUTA' || e.esito.tipo === 'FORMATO') return problema(res, 422, e.esito.tipo, e.esito.dettaglio);
    const file = await scriviAllarme(o.dir, {
      esito: e.esito.tipo,
      dettaglio: e.esito.dettaglio,
      conservata: e.conservata ?? null,
      presentata,
      servizio: o.url,
      rilevatoIl: adesso().toISOString(),
    });
    io.out(`ALLARME ${e.esito.tipo}: ${e.esito.dettaglio} (rapporto: ${file})`);
    return problema(res, 409, e.esito.tipo, e.esito.dettaglio, { conservata: e.conservata ?? null });
  };
  const server = createServer((req, res) => {
    coda = coda.then(() =>
      gestisci(req, res).catch((error: unknown) => {
        io.err(`errore: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) problema(res, 500, 'ERRORE_INTERNO', 'errore interno del testimone');
      }),
    );
  });
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(porta, o.host ?? '127.0.0.1', () => ok());
  });
  const indirizzo = server.address();
  const numero = typeof indirizzo === 'object' && indirizzo ? indirizzo.port : porta;
  io.out(`testimone ${k.chiave} in ascolto su http://${o.host ?? '127.0.0.1'}:${numero} (POST /testa)`);
  await new Promise<void>((fine) => {
    const arresta = () => server.close(() => fine());
    process.once('SIGTERM', arresta);
    process.once('SIGINT', arresta);
  });
  return ESITO.OK;
}
