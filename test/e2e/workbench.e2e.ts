/**
 * End-to-end: the task pane opened outside Office is a workbench. In headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core) upload each
 * sample, click 一键评分, check total and grade on screen and in the
 * downloaded workbook, and save screenshots to test-output/e2e/.
 *
 *   npm run test:e2e          (builds dist/ with webpack when it is missing or stale)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CASES = [
  { file: 'lvliang-2020.xlsx', total: '85.6', grade: '良', sheet: '附件1 评分表' },
  { file: 'haikou-2021.xlsx', total: '95.95', grade: '优', sheet: '附件1 指标体系及评分表' },
  { file: 'qixia-2022.xlsx', total: '92.31', grade: '优', sheet: '附件2 绩效评价得分表' },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
};

/** Newest mtime under a directory (to decide whether dist/ is stale). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuild(): void {
  const page = path.join(DIST, 'taskpane.html');
  if (existsSync(page) && statSync(page).mtimeMs > newest(path.join(ROOT, 'src'))) return;
  console.log('building dist/ (webpack --mode production)…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const file = path.normalize(path.join(DIST, url === '/' ? 'taskpane.html' : url));
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function fail(message: string): never {
  throw new Error(message);
}

async function checkDownloaded(file: string, c: (typeof CASES)[number]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const summary = wb.getWorksheet('评分汇总') ?? fail(`${c.file}: no 评分汇总 sheet in the download`);
  let total: unknown = null;
  let grade: unknown = null;
  summary.eachRow((row) => {
    const label = row.getCell(1).value;
    const v = row.getCell(4).value as { result?: unknown } | unknown;
    const value = v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v;
    if (label === '合计') total = value;
    if (label === '评价等次') grade = value;
  });
  if (String(total) !== c.total) fail(`${c.file}: downloaded 评分汇总 total ${total}, expected ${c.total}`);
  if (grade !== c.grade) fail(`${c.file}: downloaded grade ${grade}, expected ${c.grade}`);
  const sheet = wb.getWorksheet(c.sheet) ?? fail(`${c.file}: sheet ${c.sheet} missing`);
  let texts = 0;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && /得分=|得满分|扣\d/.test(cell.value)) texts++;
    }),
  );
  if (texts < 5) fail(`${c.file}: the indicator sheet carries only ${texts} scoring notes`);
}

/** The evaluator corrects an actual value in the list: the pane rescores at once and writes nothing. */
async function correctAndRescore(page: import('playwright-core').Page): Promise<string> {
  const name = '修改“热线整合完成率”的实际值或规则';
  await page.getByRole('button', { name }).click();
  const form = page.getByRole('form', { name });
  await form.getByRole('textbox', { name: '实际值' }).fill('50%');
  await form.getByRole('button', { name: '重新计算' }).click();
  await page.getByTestId('preview').waitFor({ timeout: 10000 });
  const total = (await page.getByTestId('total').textContent())?.trim();
  if (total !== '84.6') fail(`after correcting 热线整合完成率 to 50%, total on screen ${total}, expected 84.6`);
  const shot = path.join(OUT, 'lvliang-2020-corrected.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot }); // the top of the pane: banner, total, groups
  await page.getByRole('button', { name }).click();
  const item = page.getByTestId('indicator').filter({ hasText: '热线整合完成率' });
  await item.scrollIntoViewIfNeeded();
  await item.screenshot({ path: path.join(OUT, 'lvliang-2020-edit-form.png') });
  return `lvliang-2020.xlsx: corrected 热线整合完成率 to 50% → ${total} previewed, screenshot ${path.relative(ROOT, shot)}`;
}

const CHECKLIST_NOTE = '部分指标未设置可衡量的指标值，扣0.5分；“与资金目标任务数或计划数相对应”部分符合，扣0.2分（个别指标与计划数不对应）；共扣0.7分，得1.3分';

/**
 * 逐项评分: Haikou with the typed score of 绩效指标明确性 cleared (as before the evaluator scores it).
 * Judge its three items in the checklist, rescore, 一键评分, download: the score, the 扣分说明 and
 * the 逐项评分 sheet are in the workbook.
 */
async function judgeChecklist(page: import('playwright-core').Page, port: number): Promise<string> {
  const SHEET = '附件1 指标体系及评分表';
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(path.join(ROOT, 'samples', 'haikou-2021.xlsx'));
  const ws = source.getWorksheet(SHEET) ?? fail('haikou-2021.xlsx: no indicator sheet');
  let row = 0;
  ws.eachRow((r, n) => {
    if (String(r.getCell(3).value ?? '').replace(/\s/g, '') === '绩效指标明确性') row = n;
  });
  if (!row) fail('haikou-2021.xlsx: 绩效指标明确性 not found');
  for (const col of ['J', 'K', 'L']) ws.getCell(`${col}${row}`).value = null;
  const input = path.join(OUT, 'haikou-2021-to-judge.xlsx');
  await source.xlsx.writeFile(input);

  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
  await page.getByTestId('workbench').waitFor({ timeout: 20000 });
  await page.locator('input[type=file]').setInputFiles(input);
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('一键评分') && !b.disabled));
  await page.getByRole('button', { name: '一键评分' }).click();
  await page.getByTestId('download').waitFor({ timeout: 30000 });
  const name = '“绩效指标明确性”逐项评分';
  const item = page.getByTestId('indicator').filter({ hasText: '绩效指标明确性' });
  if (!(await item.getByText('待定').isVisible())) fail('haikou checklist: 绩效指标明确性 is not pending before judging');
  await item.getByRole('button', { name }).click();
  const form = page.getByRole('form', { name });
  const items = form.getByTestId('checklist-item');
  await items.nth(0).getByRole('radio', { name: '符合', exact: true }).check();
  await items.nth(1).getByRole('radio', { name: '不符合' }).check();
  await items.nth(1).getByRole('textbox', { name: '理由' }).fill('部分指标未设置可衡量的指标值');
  await items.nth(2).getByRole('radio', { name: '部分' }).check();
  await items.nth(2).getByRole('spinbutton').fill('0.3');
  await items.nth(2).getByRole('textbox', { name: '理由' }).fill('个别指标与计划数不对应');
  await item.scrollIntoViewIfNeeded();
  await item.screenshot({ path: path.join(OUT, 'haikou-2021-checklist.png') });
  await form.getByRole('button', { name: '按判断计算' }).click();
  await page.getByTestId('preview').waitFor({ timeout: 10000 });
  const previewed = (await page.getByTestId('total').textContent())?.trim();
  if (previewed !== '95.25') fail(`haikou checklist: total after judging ${previewed}, expected 95.25`);
  if (!(await item.getByText(CHECKLIST_NOTE).isVisible())) fail('haikou checklist: the 扣分说明 from the judgements is not shown');

  await page.getByRole('button', { name: '一键评分' }).click();
  await page.getByTestId('preview').waitFor({ state: 'detached', timeout: 30000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = path.join(OUT, 'haikou-2021-judged.scored.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const scored = wb.getWorksheet(SHEET) ?? fail('haikou checklist: indicator sheet missing in the download');
  const score = scored.getCell(`L${row}`).value;
  const note = scored.getCell(`J${row}`).value;
  if (score !== 1.3) fail(`haikou checklist: downloaded score L${row} = ${score}, expected 1.3`);
  if (note !== CHECKLIST_NOTE) fail(`haikou checklist: downloaded 扣分说明 J${row} = ${note}`);
  const judged = wb.getWorksheet('逐项评分') ?? fail('haikou checklist: no 逐项评分 sheet in the download');
  const rows: unknown[][] = [];
  judged.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const mine = rows.filter((r) => r[0] === '项目决策/绩效目标/绩效指标明确性').map((r) => [r[1], r[4], r[5], r[6] ?? null]);
  const want = [
    [1, '符合', 1, null],
    [2, '不符合', 0, '部分指标未设置可衡量的指标值'],
    [3, '部分', 0.3, '个别指标与计划数不对应'],
  ];
  if (JSON.stringify(mine) !== JSON.stringify(want)) fail(`haikou checklist: 逐项评分 rows ${JSON.stringify(mine)}`);
  return `haikou-2021.xlsx: judged 绩效指标明确性 item by item → 1.3 (total ${previewed}), score, 扣分说明 and 逐项评分 sheet in ${path.basename(saved)}`;
}

/** 校验 on the Haikou annex as published: its weight inconsistencies are listed as errors with their cells. */
async function validateAsPublished(page: import('playwright-core').Page, port: number): Promise<string> {
  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
  await page.getByTestId('workbench').waitFor({ timeout: 20000 });
  await page.locator('input[type=file]').setInputFiles(path.join(ROOT, 'samples', 'haikou-2021-as-published.xlsx'));
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === '校验' && !b.disabled));
  await page.getByRole('button', { name: '校验', exact: true }).click();
  const list = page.getByRole('region', { name: '问题清单' });
  await list.waitFor({ timeout: 20000 });
  const errors = await list.locator('li[data-severity=error]').count();
  if (errors === 0) fail('haikou-2021-as-published.xlsx: 校验 listed no error');
  const first = (await list.locator('li[data-severity=error]').first().textContent()) ?? '';
  if (!first.includes('绩效目标!B3')) fail(`haikou-2021-as-published.xlsx: first error does not point at 绩效目标!B3: ${first}`);
  const shot = path.join(OUT, 'haikou-2021-as-published-validate.png');
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot });
  return `haikou-2021-as-published.xlsx: 校验 lists ${errors} errors, the first at 绩效目标!B3, screenshot ${path.relative(ROOT, shot)}`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  ensureBuild();
  mkdirSync(OUT, { recursive: true });
  const server = await serve();
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives each launch a fresh, empty profile of its own.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results: string[] = [];
  let scored = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
    // office.js lives on a CDN this machine cannot reach: fail it fast, the page must fall back to the workbench.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const c of CASES) {
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
      await page.getByTestId('workbench').waitFor({ timeout: 20000 });
      await page.locator('input[type=file]').setInputFiles(path.join(ROOT, 'samples', c.file));
      const score = page.getByRole('button', { name: '一键评分' });
      await score.waitFor();
      await page.waitForFunction(() => {
        const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.includes('一键评分'));
        return !!b && !b.disabled;
      });
      await score.click();
      await page.getByTestId('download').waitFor({ timeout: 30000 });
      const total = (await page.getByTestId('total').textContent())?.trim();
      const grade = (await page.getByTestId('grade').textContent())?.trim();
      if (total !== c.total) fail(`${c.file}: total on screen ${total}, expected ${c.total}`);
      if (grade !== c.grade) fail(`${c.file}: grade on screen ${grade}, expected ${c.grade}`);
      const shot = path.join(OUT, c.file.replace(/\.xlsx$/, '.png'));
      await page.screenshot({ path: shot, fullPage: true });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
      const saved = path.join(OUT, download.suggestedFilename());
      await download.saveAs(saved);
      await checkDownloaded(saved, c);
      scored++;
      if (c.file === 'lvliang-2020.xlsx') results.push(await correctAndRescore(page));
      results.push(
        `${c.file}: ${total} ${grade} on screen and in ${path.basename(saved)} (${Date.now() - started} ms), screenshot ${path.relative(ROOT, shot)}`,
      );
    }
    results.push(await judgeChecklist(page, port));
    results.push(await validateAsPublished(page, port));
    if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    server.close();
  }
  for (const r of results) console.log(`ok  ${r}`);
  console.log(`e2e: ${scored}/${CASES.length} workbooks scored in the browser workbench`);
}

main().catch((e: unknown) => {
  console.error(`e2e FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
