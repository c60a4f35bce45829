import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A secret kept in a file that several processes may create at the same moment: two service
 * replicas sharing one data volume at their first start, or the CLI beside a starting service.
 * The content is written to a temporary file and then linked into place; `link` fails when the
 * name already exists, so the first process wins, atomically, no reader ever sees a half-written
 * file, and every process returns the same content.
 */
export async function segretoInFile(percorso: string, crea: () => string | Promise<string>, mode = 0o600): Promise<string> {
  const esistente = await leggiSeEsiste(percorso);
  if (esistente !== undefined) return esistente;
  await mkdir(dirname(percorso), { recursive: true, mode: 0o700 });
  const temporaneo = `${percorso}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporaneo, await crea(), { mode, flag: 'wx' });
  try {
    await link(temporaneo, percorso).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await unlink(temporaneo).catch(() => undefined);
  }
  return readFile(percorso, 'utf8');
}

async function leggiSeEsiste(percorso: string): Promise<string | undefined> {
  try {
    return await readFile(percorso, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
