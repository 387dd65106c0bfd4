module.exports = { ...require('../../jest.preset.js'), displayName: 'resolution', rootDir: __dirname };
