// Nest 12 packages are ESM-only: SWC turns them (and a few ESM dependencies) into CommonJS for jest.
// The pattern looks at the innermost node_modules segment so nested copies are transformed too.
const esmPackages = [
  '@nestjs', 'content-disposition', 'cookie', 'quick-lru', 'file-type', 'load-esm', 'strtok3',
  'token-types', 'uint8array-extras', '@tokenizer', '@borewit',
].join('|');

const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

const aliases = Object.fromEntries(
  ['kernel', 'api', 'event-store', 'persistence', 'composition', 'identity', 'organizations', 'workforce', 'marketplace', 'attendance', 'settlement']
    .map((lib) => [`^@blue-ocean/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`]),
);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)(?!.*/node_modules/)`],
  moduleNameMapper: aliases,
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
