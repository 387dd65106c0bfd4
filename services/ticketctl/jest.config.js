module.exports = { ...require('../../jest.preset.js'), displayName: 'ticketctl', rootDir: __dirname };
