import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimState } from './model.js';
import type { StatePersistence } from './sim-store.js';

/**
 * Write-through JSON file. Each save writes a temporary file next to the target and renames it
 * over the target: rename is atomic on one file system, so a reader (or a restarted simulator)
 * sees either the old state or the new one, never half a file.
 */
export class JsonFilePersistence implements StatePersistence {
  constructor(private readonly file: string) {}

  load(): SimState | undefined {
    if (!existsSync(this.file)) return undefined;
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SimState>;
    if (parsed.versione !== 1 || !Array.isArray(parsed.appalti) || typeof parsed.prossimoCig !== 'number') {
      throw new Error(`file di stato ${this.file} non riconosciuto (versione ${String(parsed.versione)})`);
    }
    return { versione: 1, appalti: parsed.appalti, prossimoCig: parsed.prossimoCig, cigSostituiti: parsed.cigSostituiti ?? [], ...(parsed.legacy ? { legacy: parsed.legacy } : {}) };
  }

  save(state: SimState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, this.file);
  }
}
