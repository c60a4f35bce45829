/**
 * Layer rules, checked by `npm run lint:deps` (part of `npm test`):
 * the domain stays pure, libraries never reach into applications, apps talk to libs through
 * their index.
 */
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
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
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
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'default'], exportsFields: ['exports'], extensions: ['.ts', '.js'] },
    moduleSystems: ['es6'],
  },
};
