// Resolves the monorepo's `@blue-ocean/<lib>` imports to the compiled libraries in dist/ (tsc keeps the alias as written).
const Module = require('node:module');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'libs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const match = /^@blue-ocean\/([a-z-]+)$/.exec(request);
  return resolve.call(this, match ? join(dist, match[1], 'src', 'index.js') : request, ...rest);
};
