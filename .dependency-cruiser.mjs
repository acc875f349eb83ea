// The layer table (docs/architecture.md, "Layers and folders"), checked on every `npm run lint`: one rule per
// folder saying what it must not import, plus the rules that hold across folders. A forbidden import fails the
// lint with the rule's name and comment. Paths are matched unanchored where they may lie behind a symlinked
// node_modules (a worktree's resolves to ../<other>/node_modules/…).

const NPM = '(^|/)node_modules/';

/** A rule that `from` must not import any of `to` (regular expressions on paths from the repository's root). */
const layer = (name, comment, from, to, extra = {}) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, ...extra.from },
  to: { path: to, ...extra.to },
});

export default {
  forbidden: [
    layer(
      'ozeki-is-the-protocol-only',
      'main/ozeki (the PBX protocol) imports node only: nothing else of the project.',
      '^main/ozeki/',
      '^(main/(?!ozeki/)|preload/|renderer/)',
    ),
    layer('ozeki-packages', 'main/ozeki uses no npm package: it speaks to the PBX with node:http and reads its XML itself.', '^main/ozeki/', NPM),

    layer(
      'demo-pbx-needs-only-the-protocol',
      'main/demo-pbx (the simulated PBX) imports main/ozeki (protocol constants) and node only.',
      '^main/demo-pbx/',
      `^(main/(?!demo-pbx/|ozeki/)|preload/|renderer/)|${NPM}`,
    ),

    layer(
      'recorder-is-the-domain',
      "main/recorder (the domain) imports main/ozeki, node and undici only: never the host, the app, the CLI, the preview, the demo PBX or the window's code.",
      '^main/recorder/',
      '^(main/(?!recorder/|ozeki/)|preload/|renderer/)',
    ),
    layer('recorder-packages', 'main/recorder may use undici (downloads) and yazl (the export ZIP) of the npm packages, no other.', '^main/recorder/', NPM, {
      to: { pathNot: `${NPM}(undici|yazl)/` },
    }),

    layer(
      'host-is-electron-free',
      'main/host (builds the recorder, the IPC handlers as plain functions) imports main/recorder, main/ozeki, main/demo-pbx and preload/ (not index.ts): never main/app, main/cli, main/preview or the renderer.',
      '^main/host/',
      '^(main/(app|cli|preview)/|preload/index\\.ts$|renderer/)',
    ),
    layer('host-packages', 'main/host uses no npm package at run time (type-only imports are allowed).', '^main/host/', NPM, {
      to: { dependencyTypesNot: ['type-only'] },
    }),

    layer(
      'app-is-the-top',
      'main/app (the Electron glue) may import everything of main but the CLI and the preview; the renderer is loaded by the window, never imported.',
      '^main/app/',
      '^(main/(cli|preview)/|renderer/)',
    ),

    layer(
      'cli-is-headless',
      'main/cli imports main/recorder, main/ozeki, main/demo-pbx, main/host and preload/ (not index.ts): never the Electron app, the preview or the renderer.',
      '^main/cli/',
      '^(main/(app|preview)/|preload/index\\.ts$|renderer/)',
    ),

    layer(
      'preview-goes-through-the-host',
      "main/preview reaches the recorder through main/host only (it may use main/recorder's Node helpers, not build a recorder), with preload/ (not index.ts): never main/app, main/cli, main/ozeki, main/demo-pbx or the renderer.",
      '^main/preview/',
      '^(main/(app|cli|ozeki|demo-pbx)/|preload/index\\.ts$|renderer/)',
    ),

    layer(
      'preload-imports-nothing-of-main',
      'preload/ is the shared vocabulary of main and the window: it imports nothing of main and nothing of the renderer.',
      '^preload/',
      '^(main/|renderer/)',
    ),
    layer(
      'preload-runs-in-the-browser',
      'preload/ runs in the window (the contract, the display helpers) or in a sandboxed preload: no Node modules.',
      '^preload/',
      '',
      { to: { dependencyTypes: ['core'] } },
    ),

    layer(
      'renderer-sees-only-preload',
      'The renderer imports preload/ (the contract, its view types, the display helpers) and its own code: nothing of main, and not preload/index.ts (it reaches the bridge as window.recorder).',
      '^renderer/',
      '^(main/|preload/index\\.ts$)',
    ),
    layer('renderer-runs-in-the-browser', 'The renderer runs in the window: no Node modules.', '^renderer/', '', { to: { dependencyTypes: ['core'] } }),

    layer(
      'electron-only-in-the-app',
      'Only main/app and preload/index.ts import electron (types included): everything else runs, and is tested, under plain Node.',
      '',
      `${NPM}electron/`,
      { from: { pathNot: '^(main/app/|preload/index\\.ts$)' } },
    ),
    layer(
      'electron-store-only-in-the-app',
      'Only main/app keeps settings in electron-store; elsewhere only its types may be used.',
      '',
      `${NPM}electron-store/`,
      { from: { pathNot: '^main/app/' }, to: { dependencyTypesNot: ['type-only'] } },
    ),

    layer(
      'one-recorder-factory',
      'A RecorderService is built and started only by main/host/start-recorder.ts (used by the app, the preview and the CLI); elsewhere only its type may be named.',
      '',
      '^main/recorder/service\\.ts$',
      { from: { pathNot: '^(main/recorder/|main/host/start-recorder\\.ts$)' }, to: { dependencyTypesNot: ['type-only'] } },
    ),

    // Cycles of type-only imports (a schema naming the type it checks) do not exist at run time and are allowed.
    {
      name: 'no-circular',
      comment: 'Modules do not import each other in a circle at run time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    // main/recorder/clock.ts is excepted until the recorder takes its clock (issue 9, "an injected clock"); then
    // the exception goes.
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead code (or a missing entry point).',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^main/recorder/clock\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: the layer table holds for types too (a view type must not come from the domain).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
