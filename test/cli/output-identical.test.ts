/**
 * Issue 10: the performance work must not change any output. For every sample,
 * every excelint fixture and two generated bench workbooks, the CLI's
 * `score --json --out` and `validate --json --out` (exit code, stdout, stderr and
 * every cell of the written workbook) and the engine's patches digest to what
 * was stored before that work (test/fixtures/output-digests.json, written by
 * `npx tsx scripts/outputDump.ts write`).
 */
import { readFileSync } from 'node:fs';
import { DIGESTS, digests, dump, inputs } from '../../scripts/outputDump';

const stored = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Record<string, Record<string, string>>;

describe('output identical to before the performance work', () => {
  test('every input has stored digests', () => {
    expect(
      inputs()
        .map((i) => i.id)
        .sort(),
    ).toEqual(Object.keys(stored).sort());
  });

  test.each(inputs().map((i) => [i.id, i] as const))(
    '%s',
    async (_id, input) => {
      expect(digests(await dump(input))).toEqual(stored[input.id]);
    },
    120_000,
  );
});
