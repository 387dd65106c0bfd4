const preset = require('../../jest.preset.js');

// PGlite's CommonJS build loads Node built-ins with dynamic import(), which jest's module sandbox
// rejects without --experimental-vm-modules; compiling that package with swc turns import() into
// require() (same fix as libs/messaging).
module.exports = {
  ...preset,
  displayName: 'eventstore',
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    '/node_modules/@electric-sql/pglite/.+\\.c?js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
