// Lint: typescript-eslint's recommended rules, plus the layer rule of DESIGN.md —
// lower layers never import higher ones, and the pure core does no IO.
import tseslint from 'typescript-eslint';

const layers = {
  model: [],
  framework: ['model'],
  regions: ['model'],
  store: ['model'],
  classify: ['model', 'framework'],
  assess: ['model', 'framework', 'regions', 'store'],
  ingest: ['model', 'framework', 'regions', 'store', 'classify'],
  report: ['model', 'assess'],
  server: ['model', 'framework', 'regions', 'store', 'ingest', 'classify', 'assess', 'report'],
  cli: ['model', 'framework', 'regions', 'store', 'ingest', 'classify', 'assess', 'report', 'server'],
};
const pure = new Set(['model', 'framework', 'regions', 'classify', 'assess']);
const ioModules = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process', '@duckdb/node-api'];

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        ...Object.keys(layers)
          .filter((other) => other !== layer && !allowed.includes(other))
          .map((other) => ({ group: [`../${other}/*`, `../${other}`], message: `src/${layer} may not import src/${other} (DESIGN.md layers).` })),
      ],
      paths: pure.has(layer) ? ioModules.map((name) => ({ name, message: `src/${layer} is pure: no file system, network or database.` })) : [],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/.work/**', 'web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
    },
  },
  ...layerRules,
);
