// office-addin-lint reads this file instead of its built-in config: the same
// Office Add-in rules and Prettier formatting, adjusted for a TypeScript project.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { 'office-addins': officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    // tsc (npm test) checks names; ESLint's scope rules know neither the ambient
    // Office/Excel/DOM types, TypeScript's type-and-value merging (Decimal), nor
    // that parameter names in a function type are not variables.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off', 'no-redeclare': 'off', 'no-unused-vars': 'off' },
  },
  {
    // The Office.js rules are for Office.js code: the engine, the ExcelJS adapter
    // and the command line have no request context (ExcelJS's `cell` is plain data).
    files: ['src/engine/**', 'src/workbook/xlsx/**', 'src/workbook/patchCheck.ts', 'src/cli/**'],
    rules: { 'office-addins/call-sync-before-read': 'off', 'office-addins/load-object-before-read': 'off' },
  },
];
