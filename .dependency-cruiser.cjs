/**
 * The architecture's rules (docs/architecture.md), checked by `npm test`.
 * Each rule's comment is what a failing import is told.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes load order matter and hides which module owns what: move the shared piece down (platform/, domain/) or pass it in. Type-only imports do not count: they vanish at build time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'feature-through-index',
      severity: 'error',
      comment:
        "A feature reaches another feature only through that feature's index.ts: import from 'features/<name>' and export what you need there. Only a table's foreign key may name another feature's store/schema.ts.",
      from: { path: '^src/features/([^/]+)/' },
      // Another feature's store/schema.ts is left to the next rule, which allows it to a store/schema.ts only.
      // Another feature's admin.ts and jobs.ts are left to admin-entries-from-admin-app-only and jobs-share-through-jobs.
      to: {
        path: '^src/features/[^/]+/.+',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$', '^src/features/[^/]+/store/schema\\.ts$', '^src/features/[^/]+/(admin|jobs)\\.ts$'],
      },
    },
    {
      name: 'foreign-keys-only-between-schemas',
      severity: 'error',
      comment: "Only a feature's store/schema.ts may import another feature's store/schema.ts (for a foreign key).",
      from: { path: '^src/features/([^/]+)/', pathNot: '^src/features/[^/]+/store/schema\\.ts$' },
      to: { path: '^src/features/[^/]+/store/schema\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'root-through-index',
      severity: 'error',
      comment:
        "The Worker's entry and the app mount features through their index.ts only (the inbox's app also through their admin.ts, the queue consumers' and crons' src/jobs.ts through their jobs.ts).",
      from: { path: '^src/[^/]+\\.tsx?$' },
      to: { path: '^src/features/[^/]+/.+', pathNot: ['^src/features/[^/]+/(index|admin|jobs)\\.ts$'] },
    },
    {
      name: 'admin-entries-from-admin-app-only',
      severity: 'error',
      comment:
        "A feature's admin.ts holds what only the inbox uses; src/admin-app.tsx imports it, and so may another feature's inbox routes and views (http/, views/), so a public page never evaluates it. A feature's index.ts never re-exports it, and a public route or view never imports one (the bundle check fails).",
      from: { pathNot: ['^src/admin-app\\.tsx$', '^src/features/[^/]+/(http|views)/'] },
      to: { path: '^src/features/[^/]+/admin\\.ts$' },
    },
    {
      name: 'admin-app-loaded-lazily',
      severity: 'error',
      comment: "src/app.tsx loads the inbox's app with import() on the first /admin request: a static import would make every public isolate evaluate it.",
      from: {},
      to: { path: '^src/admin-app\\.tsx$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'app-loaded-lazily',
      severity: 'error',
      comment:
        'src/worker.ts loads the public app with import() on the first request no page cache answers: a static import would make every new isolate evaluate every route, schema and view before answering a cached page.',
      from: {},
      to: { path: '^src/app\\.tsx$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'job-entries-from-jobs-only',
      severity: 'error',
      comment:
        "A feature's jobs.ts holds what only the queue consumers and the crons run; of the Worker's own modules src/jobs.ts alone imports it, and a feature's index.ts never re-exports it, so a public page never evaluates it.",
      from: { path: ['^src/[^/]+\\.tsx?$', '^src/features/[^/]+/index\\.ts$'], pathNot: '^src/jobs\\.ts$' },
      to: { path: '^src/features/[^/]+/jobs\\.ts$' },
    },
    {
      name: 'jobs-share-through-jobs',
      severity: 'error',
      comment:
        "Another feature's jobs.ts is imported only by a feature's own jobs.ts (what their jobs share, such as the sweep's delays): anything else would drag the jobs onto a public page.",
      from: { path: '^src/features/([^/]+)/', pathNot: '^src/features/[^/]+/jobs\\.ts$' },
      to: { path: '^src/features/[^/]+/jobs\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'jobs-loaded-lazily',
      severity: 'error',
      comment:
        'src/worker.ts loads src/jobs.ts with import() in its queue and scheduled handlers: a static import would make every public isolate evaluate the consumers and the crons.',
      from: {},
      to: { path: '^src/jobs\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'platform-knows-no-feature',
      severity: 'error',
      comment: 'platform/ is what every feature uses: it imports no feature, no ui and not the app.',
      from: { path: '^src/platform/' },
      to: { path: ['^src/features/', '^src/ui/', '^src/(app|worker|admin-app)\\.tsx?$'] },
    },
    {
      name: 'ui-knows-no-feature',
      severity: 'error',
      comment: 'ui/ holds layouts and shared components (props in, HTML out): it imports platform/ and config only, never a feature (types excepted).',
      from: { path: '^src/ui/' },
      to: { path: ['^src/features/', '^src/(app|worker|admin-app)\\.tsx?$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'views-take-view-models',
      severity: 'error',
      comment:
        "Views receive what they show as props: they never import a store, an action, a route or their own feature's index (types excepted). Another feature's views and pure rules come through its index.ts (those only the inbox shows, through its admin.ts).",
      from: { path: '^src/features/([^/]+)/views/' },
      to: {
        path: ['^src/features/$1/(store|http)/', '^src/features/$1/(actions|jobs|index)\\.ts$', '^src/features/[^/]+/'],
        pathNot: [
          '^src/features/$1/(views|domain)/',
          '^src/features/$1/(?!(actions|jobs|index)\\.ts$)[^/]+\\.tsx?$',
          '^src/features/(?!$1/)[^/]+/(index|admin)\\.ts$',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'views-read-no-global-settings',
      severity: 'error',
      comment: 'Settings reach views and ui in props, never from the isolate-wide copy (currentSettings) while rendering.',
      from: { path: ['^src/features/[^/]+/views/', '^src/ui/'] },
      to: { path: '^src/features/settings/(index|current)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds pure rules of inputs and the clock: no store, route, view or action (platform/ and other domain modules only).',
      from: { path: '^src/features/([^/]+)/domain/' },
      to: { path: ['^src/features/$1/(store|http|views)/', '^src/features/$1/(actions|jobs)\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-below-http',
      severity: 'error',
      comment: 'store/ holds tables and queries: it never imports routes, views or actions.',
      from: { path: '^src/features/([^/]+)/store/' },
      to: { path: ['^src/features/$1/(http|views)/', '^src/features/$1/(actions|jobs)\\.ts$'] },
    },
    {
      name: 'markdown-rendering-loaded-on-demand',
      severity: 'error',
      comment:
        "Articles are rendered when written and pages serve the stored HTML: load the Markdown renderer (and marked with it) with `await import('./markdown')` where a text is rendered or checked, so a public page's isolate never evaluates it.",
      from: {},
      to: { path: '^src/features/articles/markdown\\.ts$', dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'] },
    },
    {
      name: 'src-not-from-tests',
      severity: 'error',
      comment: 'Production code never imports test code.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
}
