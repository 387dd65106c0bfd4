// Shared jest settings for every project: swc for speed (with decorator metadata for Nest),
// and the tsconfig path aliases so libs resolve from source.
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', JSON.parse(require('fs').readFileSync(path.join(__dirname, '.swcrc'), 'utf8'))],
    // PGlite's CommonJS build loads Node built-ins with dynamic import(), which jest's module sandbox
    // rejects without --experimental-vm-modules; compiling that one package with swc turns the
    // import() calls into require() so PGlite runs under plain `npx jest`.
    // email-reply-parser ships ES modules only; jest's CommonJS sandbox needs it compiled the same way.
    '/node_modules/email-reply-parser/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    '/node_modules/@electric-sql/pglite/.+\\.c?js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@electric-sql/pglite|email-reply-parser)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 120000,
};
