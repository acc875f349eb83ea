import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json: renderer/ against renderer/tsconfig.json (DOM lib),
        // everything else against the root one (Node types).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Numbers and booleans read fine in messages ("attempt 2 of 3", "paused: true"); objects, null and undefined
      // in a template are still errors, since they print as "[object Object]" or "undefined" to a receptionist.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void work()` and `(x) => list.push(x)`-style one-line callbacks are idiomatic; a void expression
      // returned from a block body or used as a value is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // Every IPC handler goes through main/app/ipc.ts (sender and argument checks); only the composition root
    // may hold ipcMain, to hand it to that wrapper.
    files: ['main/app/**'],
    ignores: ['main/app/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC handlers through registerIpc in main/app/ipc.ts.' }] },
      ],
    },
  },
  {
    // Plain JavaScript config and scripts belong to no tsconfig, so they get no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
