// The house rules a reviewer would otherwise have to remember (docs/decisions.md, "Boundaries"):
// HTTP stays in routes and platform/http, a module reaches another only through its service, no `any`.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const modules = readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const fastifyImports = {
  paths: [{ name: 'fastify', message: 'HTTP belongs in *.routes.ts and src/platform/http; services and repos never see it.' }],
  patterns: [{ group: ['@fastify/*'], message: 'HTTP belongs in *.routes.ts and src/platform/http.' }],
};

// For a file of module `own`: imports of any other module's repository (or its SQL helpers) are refused.
function otherModulesRepos(own) {
  const others = modules.filter((name) => name !== own).join('|');
  return {
    regex: `(^|/)(${others})/([a-z0-9-]+/)*[a-z0-9-]+\\.repo(\\.js)?$`,
    message: `A module uses another through its service, never its repository (${own} may only import its own *.repo).`,
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'src/web/**', 'e2e/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.routes.ts', 'src/platform/http/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', fastifyImports] },
  },
  ...modules.map((own) => ({
    files: [`src/modules/${own}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherModulesRepos(own)] }] },
  })),
);
