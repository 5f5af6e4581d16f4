/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // office-addin-mock reaches an ESM-only package through office-addin-manifest; it only needs OfficeApp.
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js',
    '\\.(css|png|svg)$': '<rootDir>/test/stubs/asset.js',
  },
  testTimeout: 60000,
};
