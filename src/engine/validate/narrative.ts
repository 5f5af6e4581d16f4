/**
 * Numbers stated in text against the cells: "接通率分析（指标分值7分，得分2分）"
 * beside a 5.47, "资金使用合规性 … 指标分值2分" when the max is 4, "过程：分值23分"
 * when the table says 20. The subject of a claim is the last indicator named
 * before it, carried across sentences ("综合上述分析，指标分值2分，得分2分").
 */
import { toA1 } from '../address';
import { Decimal, dec, fmt } from '../decimal';
import { finding, type Finding } from '../findings';
import { isGroupResult, type GroupResult } from '../scoring/aggregate';
import type { LeafResult } from '../scoring/leaf';
import type { RunState } from '../scoring/run';
import type { SheetView } from '../sheetView';
import { isEngineValue, type EngineState } from '../state';
import { normName } from '../text';

interface Subject {
  name: string;
  key: string;
  max: Decimal | null;
  score: Decimal | null;
  deduction: Decimal | null;
  /** The bound actual as a fraction, for "接通率为74.26%" claims. */
  rate: Decimal | null;
}

function subjects(run: RunState): Subject[] {
  const out: Subject[] = [];
  const walk = (items: (GroupResult | LeafResult)[]) => {
    for (const x of items) {
      if (isGroupResult(x)) {
        const pendingFree = x.pending === 0;
        out.push({
          name: x.node.name,
          key: normName(x.node.name),
          max: x.max,
          score: pendingFree ? x.score : null,
          deduction: pendingFree && x.max ? x.max.minus(x.score) : null,
          rate: null,
        });
        walk(x.children);
      } else {
        const actual = x.bound?.actual;
        out.push({
          name: x.leaf.name,
          key: normName(x.leaf.name),
          max: x.max,
          score: x.score,
          deduction: x.deduction,
          rate: actual && actual.kind === 'quantity' && actual.q.unit === 'percent' ? actual.q.value : null,
        });
      }
    }
  };
  walk(run.groups);
  // Longer names first so "资金使用合规性" wins over "资金".
  return out.sort((a, b) => b.key.length - a.key.length);
}

/** Last subject named in `text` before `limit`; short names only as headings ("过程：", "过程（"). */
function lastMention(text: string, subs: Subject[], limit: number): Subject | null {
  let best: { s: Subject; at: number } | null = null;
  for (const s of subs) {
    if (!s.key) continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(s.key, from);
      if (at < 0 || at >= limit) break;
      from = at + 1;
      if (s.key.length <= 2) {
        const after = text[at + s.key.length] ?? '';
        const before = at === 0 ? '' : text[at - 1];
        const heading = /[:：（(]/.test(after) || /^(类|指标)/.test(text.slice(at + s.key.length));
        if (!heading || (/[\u4e00-\u9fff]/.test(before) && !/[、）)]/.test(before))) continue;
      }
      // Prefer the latest mention; at equal positions the longer name (listed first) wins.
      if (!best || at > best.at) best = { s, at };
    }
  }
  return best?.s ?? null;
}

const CLAIMS: { kind: 'max' | 'score' | 'deduction'; re: RegExp }[] = [
  { kind: 'max', re: /(?:指标)?分值(?:为|共计|共|是)?(\d+(?:\.\d+)?)分/g },
  // "得分2分", "指标得分3.98分"; not "满意度得分99.69分" (a survey score, not the indicator's).
  { kind: 'score', re: /(?:(?<![\u4e00-\u9fff=])|(?<=指标|实际|最终|综合|评价|本项|该项))得分(?:为|是)?(\d+(?:\.\d+)?)分/g },
  // "扣除1分"; not a rule ("每…扣减1分") nor a per-item deduction ("各扣减1分").
  { kind: 'deduction', re: /(?<!每[^，。；]{0,20})(?<!各)扣(?:除|减)(\d+(?:\.\d+)?)分/g },
];

function scanText(text: string, where: { sheet: string; cell: string }, subs: Subject[], initial: Subject | null, findings: Finding[]): Subject | null {
  const t = normName(text).replace(/[“”"]/g, '');
  let carried = initial;
  for (const clause of t.split(/(?<=[。；;])/)) {
    const claims: { kind: 'max' | 'score' | 'deduction'; value: Decimal; at: number; match: string }[] = [];
    for (const { kind, re } of CLAIMS) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(clause))) claims.push({ kind, value: dec(m[1]), at: m.index, match: m[0] });
    }
    for (const c of claims.sort((a, b) => a.at - b.at)) {
      const subject = lastMention(clause, subs, c.at) ?? carried;
      if (!subject) continue;
      const cellValue = c.kind === 'max' ? subject.max : c.kind === 'score' ? subject.score : subject.deduction;
      if (!cellValue || cellValue.minus(c.value).abs().lt('0.005')) continue;
      const label = c.kind === 'max' ? '分值' : c.kind === 'score' ? '得分' : '扣分';
      findings.push(
        finding(
          'NARRATIVE_MISMATCH',
          'warning',
          `文字“${clause.slice(0, 60)}”中“${subject.name}”${label}为${fmt(c.value)}分，与表中的${fmt(cellValue)}分不符`,
          where,
          { expected: fmt(cellValue), actual: fmt(c.value) },
        ),
      );
    }
    // "接通率为74.26%" about a subject whose bound actual is a rate.
    const rateRe = /([\u4e00-\u9fff0-9]{1,12}率)(?:为|达到|是|仅为)?(\d+(?:\.\d+)?)%/g;
    let rm: RegExpExecArray | null;
    while ((rm = rateRe.exec(clause))) {
      const subject = lastMention(clause, subs, rm.index + rm[0].length) ?? carried;
      if (!subject?.rate) continue;
      const word = rm[1].replace(/^(全年|平均|年度|实际|热线|全年热线)+/, '');
      if (!subject.key.endsWith(word.slice(-3))) continue;
      const stated = dec(rm[2]).div(100);
      if (stated.minus(subject.rate).abs().gt('0.00005')) {
        findings.push(
          finding('NARRATIVE_MISMATCH', 'warning', `文字中“${rm[0]}”与“${subject.name}”的实际值${fmt(subject.rate.times(100))}%不符`, where, {
            expected: `${fmt(subject.rate.times(100))}%`,
            actual: `${rm[2]}%`,
          }),
        );
      }
    }
    carried = lastMention(clause, subs, clause.length) ?? carried;
  }
  return carried;
}

export function checkNarrative(run: RunState, state: EngineState | null, narrativeSheets: SheetView[], findings: Finding[]): void {
  const subs = subjects(run);
  const sheet = run.table.sheet;
  // The indicator sheet's own evidence and note cells speak about their row's leaf.
  for (const l of run.leaves) {
    const self = subs.find((s) => s.key === normName(l.leaf.name)) ?? null;
    for (const role of ['evidence', 'note'] as const) {
      const c = l.leaf.cells[role];
      if (!c || typeof c.value !== 'string' || isEngineValue(state, sheet, c.row, c.col, c.value)) continue;
      scanText(c.value, { sheet, cell: toA1(c.row, c.col) }, subs, self, findings);
    }
  }
  for (const view of narrativeSheets) {
    let carried: Subject | null = null;
    for (let r = view.firstRow; r <= view.lastRow; r++) {
      for (let c = view.firstCol; c <= view.lastCol; c++) {
        if (!view.isAnchor(r, c)) continue;
        const v = view.raw(r, c);
        if (typeof v !== 'string' || v.length < 6) continue;
        carried = scanText(v, { sheet: view.name, cell: toA1(r, c) }, subs, carried, findings);
      }
    }
  }
}
