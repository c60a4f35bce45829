/**
 * Layer rules, checked by `npm run lint:deps` (part of `npm test`):
 * the domain stays pure, libraries never reach into applications, apps talk to libs through
 * their index.
 */
/**
 * The service's areas (apps/cig-service/src/<area>/): each a concern with its use cases or its consumers.
 * An area imports no other area (rule areas-import-no-other-area), only the shared places below.
 */
const AREE = 'anac|anagrafica|appalti|audit|carnet|console|consultazione|import|ops|scadenze|simog|smart-cig|tipologiche|webhook';
/**
 * The places every area may use, which import no area: HTTP plumbing (http/), tokens, stores, consumers
 * and observation (infrastructure/), identity, policy and keys (security/), ANAC's rule set (regole/),
 * the SIMOG/SmartCIG port the historic regimes share (anac-simog/), and test support (testing/).
 */
const LUOGHI_CONDIVISI = 'http|infrastructure|security|regole|anac-simog|testing';
/**
 * What an area still publishes to the others, by name: the directory's reads (AnagraficaService,
 * Titolari), the carnet holding a CIG code (CarnetDelCig), the ANAC practices' state the appalto
 * shows (PraticheStore) and the CIG registrar its spec drives. Services, never a controller, handler,
 * command, query or module: those stay inside their area.
 */
const PUBBLICATI = [
  '^apps/cig-service/src/anagrafica/(anagrafica\\.service|titolari)\\.ts$',
  '^apps/cig-service/src/carnet/carnet-del-cig\\.ts$',
  '^apps/cig-service/src/anac/(pratiche\\.store|cig-registrar)\\.ts$',
];
/** The composition roots: they know every area (the app module, bootstrap, the migrations' list, the infrastructure module). */
const COMPOSIZIONE = '^apps/cig-service/src/((bootstrap|app\\.module|main|genera-client)\\.ts|infrastructure/(migrazioni|infrastructure\\.module)\\.ts)$';
/** Loaders and ports the handlers of the historic regimes use. */
const USE_CASE_HELPERS = '^apps/cig-service/src/(anac-simog/(anac-simog|cig-loader|comando-su-cig|trasmissioni-simog|gia-applicato)|simog/(gare-simog|registro-cig-simog)|carnet/(carnets|carnet-del-cig|carnet-lock|carnet-pdf))\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds pure deciders: no NestJS, no ORM, no database driver, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '(@nestjs|typeorm|[/]pg[/]|pg-|@eventstore|express|node:fs|node:net|node:http|^fs$|^net$|^http$)', pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-depends-on-nothing-else',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs/(?!domain/)|apps/)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-specs-use-only-the-anac-simulator',
      comment: "A lib's specs may run against ANAC's simulator (apps/anac-sim), no other application.",
      severity: 'error',
      from: { path: '^libs/.*\\.(int-)?spec\\.ts$' },
      to: { path: '^apps/', pathNot: '^apps/anac-sim/' },
    },
    {
      name: 'console-reaches-the-api-through-libs-client',
      comment: 'The console calls the service through the typed client of the contract (libs/client), from its api/client.ts only: no other lib, no other file with its own client.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '(^libs/(?!client/)|openapi-fetch)' },
    },
    {
      name: 'console-calls-the-api-in-one-place',
      severity: 'error',
      from: { path: '^apps/console/', pathNot: '^apps/console/src/api/client\\.ts$' },
      to: { path: '^libs/client/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'dated-rules-know-no-appalto',
      comment: "The dated rules (libs/domain/src/regole) serve every aggregate: they speak the shared vocabulary (shared/vocabolario.ts), not the appalto's.",
      severity: 'error',
      from: { path: '^libs/domain/src/regole/' },
      to: { path: '^libs/domain/src/appalto/' },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'The event store stores any event: it never imports the domain.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/domain/' },
    },
    {
      name: 'anac-knows-no-event-store',
      comment: "ANAC's gateway speaks to ANAC only: the log is the service's business (the open-data import, which writes it, is libs/importazione).",
      severity: 'error',
      from: { path: '^libs/anac/' },
      to: { path: '^libs/event-store/' },
    },
    {
      name: 'libs-only-through-their-index',
      comment: "Another lib is imported through its entry (#name -> libs/name/src/index.ts), never a file inside it.",
      severity: 'error',
      from: { path: '^(?:libs/([^/]+)|apps|bench)/' },
      to: {
        path: '^libs/([^/]+)/src/',
        pathNot: [
          '^libs/[^/]+/src/index\\.ts$',
          '^libs/$1/',
          // Test support, not part of any production entry.
          '^libs/[^/]+/src/testing/',
          // A spec checking a migration of the read models.
          '^libs/read-models/src/migrations/',
          // valida-cig loads the check digit alone (a fast CLI start), not the whole ANAC lib.
          '^libs/anac/src/cig/cig-code\\.ts$',
        ],
      },
    },
    {
      name: 'production-code-uses-no-test-support',
      comment: "Test support (a lib's src/testing/, test/) is for specs, tests and benchmarks: no production entry reaches it, so scratch databases and fixtures never ship.",
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(int-)?spec\\.ts$', '^libs/[^/]+/src/testing/', '^apps/[^/]+/src/testing/'] },
      to: { path: ['^libs/[^/]+/src/testing/', '^test/'] },
    },
    {
      name: 'use-case-controllers-dispatch-only',
      comment: 'A controller of a use-case folder (apps/cig-service/src/<area>/<verb>/) sends a command or a query through the bus: it never reaches a store, a service or the database itself.',
      severity: 'error',
      from: { path: '^apps/cig-service/src/[^/]+/[^/]+/[^/]+\\.controller\\.ts$' },
      to: {
        path: [
          'aggregate-store\\.ts$', '\\.service\\.ts$', '\\.handlers?\\.ts$', '^libs/event-store/', '^libs/read-models/', 'node_modules/pg/', 'node_modules/typeorm/',
          // Nor the runtime locator, the consumers or the wait for the read models (a token of configuration for an HTTP limit is fine).
          '^apps/cig-service/src/infrastructure/(runtime|consumer-registry|allineamento)\\.ts$',
          // What the handlers of SIMOG, SmartCIG and carnets load and call (services in all but name).
          USE_CASE_HELPERS,
          // comandi-appalto.ts: what the appalto's handlers share (load, authorize, decide, append).
          '^apps/cig-service/src/appalti/comandi-appalto\\.ts$',
        ],
      },
    },
    {
      name: 'handlers-know-no-controllers',
      comment: 'Command and query handlers are called through the bus: they never import a controller or the HTTP layer.',
      severity: 'error',
      from: { path: ['\\.handlers?\\.ts$', USE_CASE_HELPERS] },
      to: { path: ['\\.controller\\.ts$', '^apps/cig-service/src/http/', 'node_modules/express/'] },
    },
    {
      name: 'areas-inject-what-they-use',
      comment: 'Every area injects specific tokens (infrastructure/tokens.ts), never the whole Runtime as a locator: only the composition root (bootstrap, app module, infrastructure module) knows it.',
      severity: 'error',
      from: { path: '^apps/cig-service/src/', pathNot: '^apps/cig-service/src/(bootstrap|app\\.module|infrastructure/infrastructure\\.module|infrastructure/runtime)\\.ts$' },
      to: { path: '^apps/cig-service/src/infrastructure/runtime\\.ts$' },
    },
    {
      name: 'areas-import-no-other-area',
      comment: "No back-arrow between areas: an area (AREE) imports only itself and the shared places (LUOGHI_CONDIVISI), never another area's controllers, handlers, commands, queries or module; what one area reads of another is wired by the composition root (global modules' exports) or named in PUBBLICATI.",
      severity: 'error',
      from: { path: `^apps/cig-service/src/(${AREE})/` },
      to: { path: `^apps/cig-service/src/(${AREE})/`, pathNot: ['^apps/cig-service/src/$1/', ...PUBBLICATI] },
    },
    {
      name: 'shared-places-import-no-area',
      comment: 'The shared places serve every area, so they import none (the composition roots excepted): an arrow from them to an area would be a back-arrow.',
      severity: 'error',
      from: { path: `^apps/cig-service/src/(${LUOGHI_CONDIVISI})/`, pathNot: [COMPOSIZIONE, '^apps/cig-service/src/testing/'] },
      to: { path: `^apps/cig-service/src/(${AREE})/` },
    },
    {
      name: 'console-static-files-outside-the-buses',
      comment: "The one answer outside a use case: the console's built files (console/console-statica.ts), served by express.static as a middleware mounted by bootstrap.ts before Nest's router (ETag, ranges and 304, streaming from disk; a query would only wrap it). So it imports nothing of the service (no area, store or handler), and only bootstrap mounts it. Every route of a controller goes through a bus (test/rotte-casi-d-uso.e2e-spec.ts).",
      severity: 'error',
      from: { path: '^apps/cig-service/src/console/console-statica\\.ts$' },
      to: { path: '^(apps|libs)/' },
    },
    {
      name: 'console-static-files-mounted-by-bootstrap-only',
      severity: 'error',
      from: { path: '^apps/cig-service/src/', pathNot: '^apps/cig-service/src/(bootstrap|console/console-statica(\\.spec)?)\\.ts$' },
      to: { path: '^apps/cig-service/src/console/console-statica\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs are cruised too: the layer rules hold for tests as well.
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'default'], exportsFields: ['exports'], extensions: ['.ts', '.js'] },
    moduleSystems: ['es6'],
  },
};
