// @ts-check
/**
 * ESLint flat config: the recommended JavaScript, typescript-eslint and React hooks rules.
 *
 * typescript-eslint 8 parses with the TypeScript JS API, which TypeScript 7 (the compiler this repo
 * type-checks with) no longer ships, and it refuses to load beside it. So the linter alone gets the
 * TypeScript 6 API from @typescript/typescript6: every `require('typescript')` in this process is sent
 * there before typescript-eslint loads (hence the dynamic import below). Type-aware rules stay off:
 * they would check types with TypeScript 6, not with the compiler the project uses.
 */
import Module from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const typescript6 = Module.createRequire(import.meta.url).resolve('@typescript/typescript6');
// @ts-expect-error Module._resolveFilename is internal to Node and untyped; it is the only hook Node 20 has for require().
const resolveFilename = Module._resolveFilename;
// @ts-expect-error see above
Module._resolveFilename = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? typescript6 : request, ...rest);
};
const { default: tseslint } = await import('typescript-eslint');

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-single/**', 'test-results/**', 'playwright-report/**', 'public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat['recommended-latest'] ?? reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals, noUnusedParameters); a leading _ marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
