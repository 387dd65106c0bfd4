const preset = require('../../jest.preset.js');

// PGlite's CommonJS build loads Node built-ins with dynamic import(), which jest's module sandbox
// rejects without --experimental-vm-modules; compiling that one package with swc turns the
// import() calls into require() so PGlite runs under plain `npx jest`.
module.exports = {
  ...preset,
  displayName: 'messaging',
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    '/node_modules/@electric-sql/pglite/.+\\.c?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
