// Lint rules: type-checked TypeScript, node: protocol, and the layer boundaries of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nodePlugin from 'eslint-plugin-n';
import globals from 'globals';

/** Builds a no-restricted-imports rule that forbids importing the named top-level src folders. */
function forbidLayers(layers, why) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: `(^|/)(${layers.join('|')})/`, message: why }] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'bench/out/**', 'task/dist/**', 'task/build/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'bench/*.mjs'] } },
    },
    plugins: { n: nodePlugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'n/prefer-node-protocol': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/requeue/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'http', 'cli', 'task', 'emulator', 'reporting', 'redaction', 'auth'],
      'requeue/ is the pure domain: it talks to ports only (docs/architecture.md).',
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'requeue', 'cli', 'task', 'emulator', 'reporting', 'auth'],
      'http/ is generic: it knows HTTP, not Azure DevOps (docs/architecture.md).',
    ),
  },
  {
    files: ['src/redaction/**/*.ts', 'src/util/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'requeue', 'cli', 'task', 'emulator', 'reporting', 'http', 'auth'],
      'redaction/ and util/ are leaves (docs/architecture.md).',
    ),
  },
  {
    files: ['src/reporting/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'http', 'cli', 'task', 'emulator', 'auth'],
      'reporting/ renders domain results only (docs/architecture.md).',
    ),
  },
  {
    files: ['src/auth/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'http', 'requeue', 'cli', 'task', 'emulator', 'reporting', 'doctor'],
      'auth/ knows credentials only: it may use redaction/ and util/ (docs/architecture.md).',
    ),
  },
  {
    files: ['src/azure-devops/**/*.ts'],
    rules: forbidLayers(
      ['cli', 'task', 'emulator', 'reporting', 'doctor', 'auth'],
      'azure-devops/ is the adapter: http/, requeue/ (model and port), util/ (docs/architecture.md).',
    ),
  },
  {
    files: ['src/doctor/**/*.ts', 'src/task/**/*.ts'],
    rules: forbidLayers(
      ['cli', 'emulator'],
      'Entry points do not import each other or the emulator (docs/architecture.md).',
    ),
  },
  {
    files: ['src/emulator/**/*.ts'],
    rules: forbidLayers(
      ['azure-devops', 'http', 'requeue', 'cli', 'task', 'reporting', 'redaction', 'auth', 'util'],
      "The emulator must not share the client's understanding of the API (docs/decisions/0002).",
    ),
  },
);
