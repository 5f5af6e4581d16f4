/** The indicator system as read from a sheet: a tree of groups with scored leaves. */
import type { Decimal } from '../decimal';
import type { CellScalar } from '../snapshot';

/** What a column of an indicator table holds. */
export type ColumnRole =
  | 'seq'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'level4'
  | 'max1'
  | 'max2'
  | 'max3'
  | 'max4'
  | 'explanation'
  | 'description'
  | 'rule'
  | 'evidence'
  | 'source'
  | 'method'
  | 'target'
  | 'actual'
  | 'score'
  | 'deduction'
  | 'note'
  | 'subtotal'
  | 'rate';

export type LevelRole = 'level1' | 'level2' | 'level3' | 'level4';
export const LEVEL_ROLES: readonly LevelRole[] = ['level1', 'level2', 'level3', 'level4'];
export const MAX_ROLE: Record<LevelRole, ColumnRole> = { level1: 'max1', level2: 'max2', level3: 'max3', level4: 'max4' };

/**
 * One grade of a table that puts its grades side by side (优 | 良 | 中 | 差), each with its
 * condition and points: read together as one bands rule text per indicator.
 */
export interface GradeColumn {
  /** The grade as headed: 优, 良好, 合格 … */
  label: string;
  /** Column of the grade's condition text. */
  col: number;
  /** Column of its points, when the grade has a 分值 sub-column. */
  pointsCol?: number;
  /** Points or share of the max stated in the header: "优（10分）", "良(80%)". */
  points?: string;
  share?: string;
}

export interface HeaderInfo {
  /** First and last header row (1-based, inclusive). */
  top: number;
  bottom: number;
  /** Column (1-based) of each role found. */
  columns: Partial<Record<ColumnRole, number>>;
  /** The header text of every column, rows joined with "/" (for messages and added columns). */
  labels: Record<number, string>;
  /** Level roles present, outermost first; the last one holds the leaves. */
  levels: LevelRole[];
  /** Last column that has a header label. */
  lastCol: number;
  /** Why each role went to its column ("表头“权数”：分值的同义词"), for the detection panel and --json. */
  why?: Partial<Record<ColumnRole, string>>;
  /** Grade columns side by side (优/良/中/差), read as the rule text when there is no 评分标准 column. */
  grades?: GradeColumn[];
}

export interface CellRef {
  row: number;
  col: number;
}

/** A value read from a cell, kept with its address so findings can point at it. */
export interface CellInput {
  row: number;
  col: number;
  value: CellScalar;
  numberFormat: string | null;
  formula: string | null;
}

export interface GroupNode {
  kind: 'group';
  level: number;
  name: string;
  /** The name as written, e.g. "项目决策（16）". */
  rawName: string;
  /** Max from a weight column or embedded in the name; null when the sheet gives none. */
  max: Decimal | null;
  /** Where the max was read (weight column cell, or the name cell when embedded). */
  maxCell: CellRef | null;
  /** The cell holding the group name (top-left of its merge). */
  nameCell: CellRef;
  /** Rows covered by this group (first leaf row .. last leaf row). */
  firstRow: number;
  lastRow: number;
  children: IndicatorNode[];
  /** A subtotal cell for this group on the sheet (小计 column, or a 分值-row score cell), when present. */
  subtotalCell?: CellRef;
}

export interface LeafNode {
  kind: 'leaf';
  level: number;
  name: string;
  rawName: string;
  /** Names of the enclosing groups, outermost first, then this leaf's name. */
  path: string[];
  max: Decimal | null;
  maxCell: CellRef | null;
  nameCell: CellRef;
  /** The row this leaf is written on (top row when it spans several). */
  row: number;
  /** Last row of this leaf (continuation rows from page breaks are folded in). */
  lastRow: number;
  /** Texts of the indicator by role (rule, explanation, description, evidence, source, method). */
  texts: Partial<Record<ColumnRole, string>>;
  /** Cells of the indicator by role (score, deduction, note, actual, target, rule, ...). */
  cells: Partial<Record<ColumnRole, CellInput>>;
}

export type IndicatorNode = GroupNode | LeafNode;

/** A 合计/总分/小计/评价等次/综合 row found below or inside the table. */
export interface SpecialRow {
  kind: 'total' | 'subtotal' | 'grade' | 'composite' | 'partTotal' | 'self';
  row: number;
  label: string;
  /** The text to the right of the label (composite formula text, grade scheme). */
  text: string;
  cells: Partial<Record<ColumnRole, CellInput>>;
}

export interface IndicatorTable {
  sheet: string;
  header: HeaderInfo;
  /** Title text above the header ("附件1：2021年…指标体系"), when present. */
  title: string;
  roots: IndicatorNode[];
  leaves: LeafNode[];
  specialRows: SpecialRow[];
  /** Rows recognised as repeated headers or titles inside the table (page breaks). */
  skippedRows: number[];
}
