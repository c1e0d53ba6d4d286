// The Zapier CLI and runtime load the app from this file; the bundle's ESM default export is the app.
module.exports = require('./dist/index.js').default;
