// Lint rules: type-checked TypeScript, node: protocol, and the layer boundaries of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nodePlugin from 'eslint-plugin-n';
import globals from 'globals';

/** Builds a no-restricted-imports rule that forbids importing the named top-level src folders. */
function forbidLayers(layers, why, ...morePatterns) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: `(^|/)(${layers.join('|')})/`, message: why }, ...morePatterns] },
    ],
  };
}

/** The composition roots: they import the library only through its public boundary. */
const ENTRY_POINTS = ['cli', 'task', 'demo', 'serve'];
/** The library's folders behind src/index.ts. */
const LIBRARY = ['auth', 'azure-devops', 'http', 'requeue', 'reporting', 'redaction', 'util', 'doctor'];

const CLIENT_LAYERS = [
  'azure-devops',
  'http',
  'requeue',
  'cli',
  'task',
  'reporting',
  'redaction',
  'auth',
  'util',
  'azure-pipelines',
  'doctor',
];
const NOT_THE_CLIENT =
  "The emulator must not share the client's understanding of the API (docs/decisions/0002).";

/** The emulator's floors, lowest first: a folder imports only the folders before it (docs/emulator.md). */
export const EMULATOR_FLOORS = [
  'protocol',
  'discovery',
  'model',
  'identity',
  'engine',
  'wire',
  'faults',
  'scenario',
  'hooks',
  'runtime',
  'routes',
  'control',
  'server',
];

/**
 * One block per emulator floor: no client layer, no higher floor, no entry file of src/emulator/ itself.
 * Tests may build fixtures from any floor, so they only keep the client ban of the block for all emulator files.
 */
function emulatorFloorBlocks() {
  return EMULATOR_FLOORS.map((floor, index) => {
    const above = EMULATOR_FLOORS.slice(index + 1);
    const why = `emulator/${floor}/ imports only the floors below it: ${EMULATOR_FLOORS.slice(0, index).join(', ') || 'none'} (docs/emulator.md).`;
    const patterns = [
      { regex: `(^|/)(${CLIENT_LAYERS.join('|')})/`, message: NOT_THE_CLIENT },
      { regex: '^\\.\\./[^/]+$', message: why },
    ];
    if (above.length > 0) patterns.push({ regex: `(^|/)(${above.join('|')})/`, message: why });
    return {
      files: [`src/emulator/${floor}/**/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    };
  });
}

/**
 * Entry points import the library through ../index.js only, plus the index.js of the named folders (the Azure
 * Pipelines host, the emulator's public API, and for the bin the redactor).
 */
function entryPointBoundary(boundaries) {
  const closed = [...ENTRY_POINTS, ...LIBRARY].filter((folder) => !boundaries.includes(folder));
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `(^|/)(${closed.join('|')})/`,
            message:
              'Entry points use the public boundary: ../index.js, ../azure-pipelines/index.js, and ' +
              '../emulator/index.js for the emulator command and the demo (docs/architecture.md).',
          },
          {
            regex: `(^|/)(${boundaries.join('|')})/(?!index\\.js$)`,
            message: `Import ${boundaries.join('/, ')}/ through their index.js (docs/architecture.md).`,
          },
        ],
      },
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
      [
        ...ENTRY_POINTS,
        'azure-devops',
        'http',
        'emulator',
        'reporting',
        'redaction',
        'auth',
        'azure-pipelines',
        'doctor',
      ],
      'requeue/ is the pure domain: it talks to ports only (docs/architecture.md).',
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: forbidLayers(
      [
        ...ENTRY_POINTS,
        'azure-devops',
        'requeue',
        'emulator',
        'reporting',
        'auth',
        'azure-pipelines',
        'doctor',
      ],
      'http/ is generic: it knows HTTP, not Azure DevOps (docs/architecture.md).',
    ),
  },
  {
    files: ['src/redaction/**/*.ts', 'src/util/**/*.ts'],
    rules: forbidLayers(
      [
        ...ENTRY_POINTS,
        'azure-devops',
        'requeue',
        'emulator',
        'reporting',
        'http',
        'auth',
        'azure-pipelines',
        'doctor',
      ],
      'redaction/ and util/ are leaves (docs/architecture.md).',
    ),
  },
  {
    files: ['src/reporting/**/*.ts'],
    rules: forbidLayers(
      [...ENTRY_POINTS, 'azure-devops', 'http', 'emulator', 'auth', 'azure-pipelines', 'doctor'],
      'reporting/ renders domain results only (docs/architecture.md).',
    ),
  },
  {
    files: ['src/auth/**/*.ts'],
    rules: forbidLayers(
      [
        ...ENTRY_POINTS,
        'azure-devops',
        'http',
        'requeue',
        'emulator',
        'reporting',
        'doctor',
        'azure-pipelines',
      ],
      'auth/ knows credentials only: it may use redaction/ and util/ (docs/architecture.md).',
    ),
  },
  {
    files: ['src/azure-devops/**/*.ts'],
    rules: forbidLayers(
      [...ENTRY_POINTS, 'emulator', 'reporting', 'auth', 'azure-pipelines'],
      'azure-devops/ is the adapter: http/, requeue/ (model and port), util/ (docs/architecture.md).',
      {
        regex: '(^|/)doctor/(?!doctor-api\\.js$)',
        message:
          'azure-devops/ implements the doctor port (doctor/doctor-api.ts) and knows nothing else of doctor/.',
      },
    ),
  },
  {
    files: ['src/azure-pipelines/**/*.ts'],
    rules: forbidLayers(
      [...ENTRY_POINTS, 'emulator', 'azure-devops', 'http', 'auth', 'doctor'],
      'azure-pipelines/ knows the pipeline host: it renders domain results with requeue/, reporting/ and ' +
        'redaction/ (docs/architecture.md).',
    ),
  },
  {
    files: ['src/doctor/**/*.ts'],
    rules: forbidLayers(
      [...ENTRY_POINTS, 'emulator', 'azure-pipelines', 'azure-devops', 'http', 'auth', 'reporting'],
      'doctor/ is pure like requeue/: rules over the DoctorApi port, which azure-devops/ implements ' +
        '(docs/architecture.md).',
    ),
  },
  {
    files: ENTRY_POINTS.map((folder) => `src/${folder}/**/*.ts`),
    // serve/ is an entry point of its own that the CLI dispatches to, through serve/index.js.
    rules: entryPointBoundary(['azure-pipelines', 'emulator', 'serve']),
  },
  {
    // The bin loads the redactor alone first, so its crash handlers are up before the library loads.
    files: ['src/cli/main.ts'],
    rules: entryPointBoundary(['azure-pipelines', 'emulator', 'serve', 'redaction']),
  },
  {
    files: ['src/emulator/**/*.ts'],
    rules: forbidLayers(CLIENT_LAYERS, NOT_THE_CLIENT),
  },
  ...emulatorFloorBlocks(),
);
