/**
 * Layer rules, checked by `npm run lint:deps` (part of `npm test`):
 * the domain stays pure, libraries never reach into applications, apps talk to libs through
 * their index.
 */
/** Areas of the historic regimes and what they share. */
const AREE_REGIMI = 'simog|smart-cig|carnet|import|scadenze|anac-simog';
/** Loaders and ports the handlers of those areas use. */
const USE_CASE_HELPERS = '^apps/cig-service/src/(anac-simog/(anac-simog|cig-loader|comando-su-cig|trasmissioni-simog)|simog/(gare-simog|registro-cig-simog)|carnet/(carnets|carnet-del-cig|carnet-lock|carnet-pdf))\\.ts$';

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
      comment: "ANAC's gateway speaks to ANAC only: the log is the service's business. Warning, not error, while the open-data importer (libs/anac/src/opendata/importatore.ts) still appends: it moves to the service next.",
      severity: 'warn',
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
      name: 'areas-import-no-other-area-use-cases',
      comment: "SIMOG, SmartCIG, carnets, the import and the deadlines never import another area's controllers or handlers (no back-arrow between areas); what they share lives in anac-simog/.",
      severity: 'error',
      from: { path: `^apps/cig-service/src/(${AREE_REGIMI})/` },
      to: { path: '^apps/cig-service/src/[^/]+/.*\\.(controller|handlers?)\\.ts$', pathNot: '^apps/cig-service/src/$1/' },
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
