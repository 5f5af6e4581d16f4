/** Evaluation against a workbook's cached values, for the checks that recompute formulas. */
import { parseFormula } from './parser';
import { evaluateToScalar, Unknown, type EvalContext, type Scalar } from './evaluate';
import type { WorkbookGrids } from './grid';

export function evalContext(grids: WorkbookGrids, sheet: string): EvalContext {
  return {
    sheet,
    read(name, row, col) {
      const g = grids.get(name);
      if (!g) return undefined;
      return { value: g.value(row, col), isFormula: g.formula(row, col) !== null };
    },
    extent(name) {
      const g = grids.get(name);
      return g ? { bottom: g.bottom, right: g.right } : undefined;
    },
  };
}

/** The formula's value on cached inputs, or undefined when it cannot be known exactly. */
export function tryEvaluate(formula: string, ctx: EvalContext): Scalar | undefined {
  const ast = parseFormula(formula);
  if (!ast) return undefined;
  try {
    return evaluateToScalar(ast, ctx);
  } catch (e) {
    // Unknown: not exactly computable. Anything else (a very deep expression) must not stop the checks either.
    if (e instanceof Unknown || e instanceof RangeError) return undefined;
    throw e;
  }
}
