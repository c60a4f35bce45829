import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { METHOD_METADATA, PATH_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { APP_CONFIG } from '../apps/cig-service/src/infrastructure/tokens.js';
import { startTestService, type TestService } from './support/service.js';

const SORGENTI = 'apps/cig-service/src';
/** A use-case folder's controller: `<area>/<verb>/<name>.controller.ts`. */
const CONTROLLER_DI_CASO_D_USO = /^apps\/cig-service\/src\/[^/]+\/[^/]+\/[^/]+\.controller\.ts$/;
/** What a use-case controller may be given besides a bus: the configuration, for an HTTP limit (the CSV import's size). */
const ALTRI_CONSENTITI: readonly unknown[] = [APP_CONFIG];

function fileTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? fileTs(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** The file declaring each controller class of the service: `RegistraController` -> `apps/…/registra/registra.controller.ts`. */
function fileDeiController(): Map<string, string[]> {
  const mappa = new Map<string, string[]>();
  for (const f of fileTs(SORGENTI)) {
    const testo = readFileSync(f, 'utf8');
    if (!testo.includes('@Controller(')) continue;
    for (const m of testo.matchAll(/export class (\w+)/g)) mappa.set(m[1]!, [...(mappa.get(m[1]!) ?? []), relative('.', f)]);
  }
  return mappa;
}

type Classe = (new (...a: never[]) => unknown) & { prototype: Record<string, unknown> };

/** Every controller the router serves, with its routes (`GET /appalti/:id`). */
function controllerDelRouter(t: TestService): Array<{ classe: Classe; rotte: string[] }> {
  const out: Array<{ classe: Classe; rotte: string[] }> = [];
  for (const modulo of t.service.app.get(ModulesContainer).values()) {
    for (const wrapper of modulo.controllers.values()) {
      const classe = wrapper.metatype as Classe | undefined;
      if (!classe) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, classe) ?? '')[0]!;
      const rotte: string[] = [];
      for (const nome of Object.getOwnPropertyNames(classe.prototype)) {
        const metodo = nome === 'constructor' ? undefined : classe.prototype[nome];
        if (typeof metodo !== 'function' || Reflect.getMetadata(METHOD_METADATA, metodo) === undefined) continue;
        for (const p of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metodo))) rotte.push(('/' + [base, p].filter((x) => x && x !== '/').join('/')).replace(/\/+/g, '/'));
      }
      if (rotte.length > 0) out.push({ classe, rotte });
    }
  }
  return out;
}

/**
 * Issue 12's rule, on what the router really serves: every route's controller lives in a use-case folder
 * and is given a CommandBus or QueryBus (and nothing that reaches a store). The layer rules
 * (.dependency-cruiser.cjs) check the imports of those files; this checks that no route escapes them.
 */
describe('every route goes through a command or query handler', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('each controller of the router is in apps/cig-service/src/<area>/<verb>/ and dispatches through a bus', () => {
    const controller = controllerDelRouter(t);
    expect(controller.length).toBeGreaterThan(40);
    const file = fileDeiController();
    const difetti: string[] = [];
    for (const { classe, rotte } of controller) {
      const dove = file.get(classe.name) ?? [];
      if (dove.length !== 1) difetti.push(`${classe.name} (${rotte.join(', ')}): dichiarato in ${dove.length} file`);
      else if (!CONTROLLER_DI_CASO_D_USO.test(dove[0]!)) difetti.push(`${classe.name} (${rotte.join(', ')}): ${dove[0]} non è in una cartella di caso d'uso`);
      else {
        // The bus must also be used: the controller's file builds a command or query of its folder.
        const testo = readFileSync(dove[0]!, 'utf8');
        if (!/\.(execute)\(new \w+\(/.test(testo)) difetti.push(`${classe.name}: non invia comandi né query`);
        if (!/from '\.\/[^']+\.(command|commands|query|queries|messaggi)\.js'/.test(testo)) difetti.push(`${classe.name}: non importa il comando o la query della sua cartella`);
      }
      const tipi = (Reflect.getMetadata('design:paramtypes', classe) ?? []) as unknown[];
      const iniettati = new Map<number, unknown>(((Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, classe) ?? []) as Array<{ index: number; param: unknown }>).map((d) => [d.index, d.param]));
      const dipendenze = tipi.map((tipo, i) => iniettati.get(i) ?? tipo);
      if (!dipendenze.some((d) => d === CommandBus || d === QueryBus)) difetti.push(`${classe.name}: nessun CommandBus né QueryBus`);
      for (const d of dipendenze) {
        if (d === CommandBus || d === QueryBus || ALTRI_CONSENTITI.includes(d)) continue;
        difetti.push(`${classe.name}: riceve ${typeof d === 'function' ? d.name : String(d)}, non solo i bus`);
      }
    }
    expect(difetti).toEqual([]);
  });

  it('the console\'s files are served by the static-file middleware, never by a route of a controller', async () => {
    const rotte = controllerDelRouter(t).flatMap((c) => c.rotte);
    expect(rotte.filter((r) => r === '/' || /^\/(console|assets)(\/|$)/.test(r) || /^\/favicon\./.test(r))).toEqual([]);
    // The middleware answers them (bootstrap.ts mounts console-statica.ts over the built console, npm run build).
    const res = await t.request('GET', '/console/appalti');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
