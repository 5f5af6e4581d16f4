/** Plain-text rendering of a score report for the terminal. */
import type { Finding } from '../engine/findings';
import type { GroupReport, ScoreReport } from '../engine/result';

const SOURCE: Record<string, string> = { computed: '计算', entered: '录入', pending: '待评' };

function n(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : String(v);
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : `${(v * 100).toFixed(2)}%`;
}

export function formatReport(r: ScoreReport): string {
  const lines: string[] = [];
  lines.push(`指标表：${r.sheet}`);
  lines.push(`总分：${n(r.total)}    等次：${r.grade ?? '待定'}`);
  lines.push('');
  const group = (g: GroupReport, indent: string) => {
    lines.push(`${indent}${g.name}  ${n(g.score)} / ${n(g.max)}  ${pct(g.rate)}`);
    for (const c of g.children ?? []) group(c, `${indent}    `);
  };
  for (const g of r.groups) group(g, '');
  lines.push('');
  for (const i of r.indicators) {
    const mark = SOURCE[i.source] ?? i.source;
    lines.push(`[${mark}] ${i.path.join(' / ')}  ${n(i.score)} / ${n(i.max)}  (${i.cell})`);
    if (i.source === 'computed' && i.note) lines.push(`       ${i.note}`);
  }
  lines.push('');
  return `${lines.join('\n')}\n${formatFindings(r.findings, false)}`;
}

/** Counts, then errors and warnings with their cells (infos only when `all`). */
export function formatFindings(findings: Finding[], all = true): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const lines = [`发现问题：错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项`];
  const mark = { error: '✗', warning: '!', info: 'i' };
  for (const f of findings.filter((x) => all || x.severity !== 'info')) {
    const where = f.sheet ? `${f.sheet}${f.cell ? `!${f.cell}` : ''}` : '';
    lines.push(`  ${mark[f.severity]} ${where ? `[${where}] ` : ''}${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
