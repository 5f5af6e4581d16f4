/**
 * @jest-environment jsdom
 *
 * Offline checks of manifest.xml (jsdom's strict XML parser): well-formed,
 * the elements Office requires, resource ids, function names, and every URL
 * pointing at a file the webpack build emits or copies.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(xml, 'application/xml');
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DEV_ORIGIN = 'https://localhost:3000/';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../webpack.config.js') as {
  PAGES: { filename: string; template: string; chunks: string[] }[];
  COPIED: { from: string; to: string }[];
  DEV_PORT: number;
};

const all = (root: Element | Document = doc): Element[] => Array.from(root.getElementsByTagName('*'));
const byName = (name: string, root: Element | Document = doc) => all(root).filter((e) => e.localName === name);
const one = (name: string, root: Element | Document = doc): Element => {
  const found = byName(name, root);
  if (found.length === 0) throw new Error(`<${name}> missing`);
  return found[0];
};
const childNames = (e: Element) => Array.from(e.children).map((c) => c.localName);
const xsiType = (e: Element) => e.getAttributeNS(XSI, 'type');

describe('manifest.xml', () => {
  it('points at the dev server that npm start (office-addin-debugging) starts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.config.dev_server_port).toBe(webpackConfig.DEV_PORT);
    expect(DEV_ORIGIN).toBe(`https://localhost:${webpackConfig.DEV_PORT}/`);
    expect(pkg.scripts.start).toBe('office-addin-debugging start manifest.xml');
    expect(pkg.scripts['dev-server']).toMatch(/^webpack serve/);
  });

  it('is well-formed XML with an OfficeApp TaskPaneApp root', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('OfficeApp');
    expect(xsiType(doc.documentElement)).toBe('TaskPaneApp');
  });

  it('has the required base elements, in schema order', () => {
    const top = childNames(doc.documentElement);
    const order = [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ];
    expect(top).toEqual(order);
    expect(one('Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one('Version').textContent).toMatch(/^\d+(\.\d+){0,3}$/);
    expect(one('ProviderName').textContent?.trim()).not.toBe('');
    expect(one('DefaultLocale').textContent).toBe('zh-CN');
    expect(one('DisplayName').getAttribute('DefaultValue')).toBe('绩效评分');
    expect(one('Permissions').textContent).toBe('ReadWriteDocument');
    expect(one('SourceLocation', one('DefaultSettings')).getAttribute('DefaultValue')).toBe(`${DEV_ORIGIN}taskpane.html`);
    const host = one('Host', one('Hosts'));
    expect(host.getAttribute('Name')).toBe('Workbook');
  });

  it('overrides every user-visible string for en-US', () => {
    for (const name of ['DisplayName', 'Description']) {
      const o = byName('Override', one(name));
      expect(o.map((e) => e.getAttribute('Locale'))).toEqual(['en-US']);
      expect(o[0].getAttribute('Value')).toMatch(/[A-Za-z]/);
    }
    for (const s of byName('String')) {
      const o = byName('Override', s);
      expect([s.getAttribute('id'), o.map((e) => e.getAttribute('Locale'))]).toEqual([s.getAttribute('id'), ['en-US']]);
    }
  });

  it('requires ExcelApi 1.4 and the shared runtime', () => {
    const sets = byName('Set', one('Requirements')).map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(sets).toEqual([
      ['ExcelApi', '1.4'],
      ['SharedRuntime', '1.1'],
    ]);
  });

  it('runs the pane and the commands in one long-lived runtime', () => {
    const vo = one('VersionOverrides');
    expect(xsiType(vo)).toBe('VersionOverridesV1_0');
    const host = one('Host', one('Hosts', vo));
    expect(xsiType(host)).toBe('Workbook');
    expect(childNames(host)).toEqual(['Runtimes', 'DesktopFormFactor']);
    const runtime = one('Runtime', one('Runtimes', host));
    expect(runtime.getAttribute('lifetime')).toBe('long');
    const dff = one('DesktopFormFactor', host);
    expect(childNames(dff)).toEqual(['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    // The shared runtime only loads when every page reference uses the runtime's resid.
    expect(one('FunctionFile', dff).getAttribute('resid')).toBe(runtime.getAttribute('resid'));
    for (const loc of byName('SourceLocation', vo)) expect(loc.getAttribute('resid')).toBe(runtime.getAttribute('resid'));
    expect(xsiType(one('ExtensionPoint', dff))).toBe('PrimaryCommandSurface');
  });

  it('has the 绩效评分 group with the four buttons, and the function names the commands register', () => {
    const group = one('Group');
    const label = one('Label', group).getAttribute('resid')!;
    const strings = new Map(byName('String').map((s) => [s.getAttribute('id'), s.getAttribute('DefaultValue')]));
    expect(strings.get(label)).toBe('绩效评分');
    const controls = byName('Control', group).map((c) => {
      const action = one('Action', c);
      return [strings.get(one('Label', c).getAttribute('resid')), xsiType(action), byName('FunctionName', action)[0]?.textContent ?? null];
    });
    expect(controls).toEqual([
      ['一键评分', 'ExecuteFunction', 'scoreWorkbook'],
      ['校验', 'ExecuteFunction', 'validateWorkbook'],
      ['撤销本次评分', 'ExecuteFunction', 'undoScoring'],
      ['打开面板', 'ShowTaskpane', null],
    ]);
    const source = fs.readFileSync(path.join(ROOT, 'src/commands/ids.ts'), 'utf8');
    const ids = /COMMAND_IDS = \[([^\]]+)\]/
      .exec(source)![1]
      .match(/'[^']+'/g)!
      .map((s) => s.slice(1, -1));
    expect(byName('FunctionName').map((f) => f.textContent)).toEqual(ids);
    expect(byName('TaskpaneId').map((e) => e.textContent)).toHaveLength(1);
  });

  it('defines every referenced resid, in the right resource kind, and nothing twice', () => {
    const kindOf = new Map<string, string>();
    for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
      for (const e of Array.from(one(kind).children)) {
        const id = e.getAttribute('id')!;
        expect(kindOf.has(id)).toBe(false);
        kindOf.set(id, kind);
      }
    }
    const expected: Record<string, string> = {
      Image: 'Images',
      Runtime: 'Urls',
      FunctionFile: 'Urls',
      SourceLocation: 'Urls',
      LearnMoreUrl: 'Urls',
      Label: 'ShortStrings',
      Title: 'ShortStrings',
      Description: 'LongStrings',
    };
    const refs = all().filter((e) => e.hasAttribute('resid'));
    expect(refs.length).toBeGreaterThan(20);
    for (const e of refs) {
      const resid = e.getAttribute('resid')!;
      expect(resid.length).toBeLessThanOrEqual(32);
      expect([e.localName, resid, kindOf.get(resid)]).toEqual([e.localName, resid, expected[e.localName]]);
    }
    // Every defined resource is used.
    const used = new Set(refs.map((e) => e.getAttribute('resid')));
    expect([...kindOf.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('keeps element ids unique and strings within Office limits', () => {
    const ids = all()
      .filter((e) => e.hasAttribute('id'))
      .map((e) => e.getAttribute('id')!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of byName('String', one('ShortStrings'))) {
      for (const v of [s.getAttribute('DefaultValue')!, ...byName('Override', s).map((o) => o.getAttribute('Value')!)])
        expect(v.length).toBeLessThanOrEqual(125);
    }
    for (const s of byName('String', one('LongStrings'))) {
      for (const v of [s.getAttribute('DefaultValue')!, ...byName('Override', s).map((o) => o.getAttribute('Value')!)])
        expect(v.length).toBeLessThanOrEqual(250);
    }
  });

  it('points every URL at a page the build emits or an asset it copies', () => {
    const emittedPages = new Set(webpackConfig.PAGES.map((p) => p.filename));
    const copiedDirs = webpackConfig.COPIED.map((c) => c.to);
    const urls = all().flatMap((e) => ['DefaultValue', 'Value'].map((a) => e.getAttribute(a)).filter((v): v is string => !!v && /^https?:/.test(v)));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(DEV_ORIGIN)).toBe(true);
      const rel = url.slice(DEV_ORIGIN.length).split(/[?#]/)[0];
      if (rel.endsWith('.html')) {
        expect([rel, emittedPages.has(rel)]).toEqual([rel, true]);
      } else {
        const dir = rel.split('/')[0];
        expect([rel, copiedDirs.includes(dir)]).toEqual([rel, true]);
        expect([rel, fs.existsSync(path.join(ROOT, rel))]).toEqual([rel, true]);
      }
    }
    for (const p of webpackConfig.PAGES) expect(fs.existsSync(path.join(ROOT, p.template))).toBe(true);
  });

  it('uses icons of the declared pixel size', () => {
    for (const img of byName('Image', one('Images'))) {
      const size = Number(/(\d+)x\d+$/.exec(img.getAttribute('id')!)![1]);
      const png = fs.readFileSync(path.join(ROOT, img.getAttribute('DefaultValue')!.slice(DEV_ORIGIN.length)));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const name of ['IconUrl', 'HighResolutionIconUrl']) {
      const png = fs.readFileSync(path.join(ROOT, one(name).getAttribute('DefaultValue')!.slice(DEV_ORIGIN.length)));
      expect(png.readUInt32BE(16)).toBe(name === 'IconUrl' ? 32 : 64);
    }
  });
});

describe('production manifest (dist/manifest.xml)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { productionManifest } = require('../scripts/manifest-url.js') as {
    productionManifest: (xml: string, o?: { baseUrl?: string; supportUrl?: string }) => string;
  };

  it('moves every URL to the configured HTTPS base URL and adds a SupportUrl in schema order', () => {
    const out = productionManifest(xml, { baseUrl: 'https://addin.example.cn/perf-eval', supportUrl: 'https://example.cn/help?a=1&b=2' });
    const d = new DOMParser().parseFromString(out, 'application/xml');
    expect(d.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(out).not.toContain('localhost');
    const urls = all(d).flatMap((e) => ['DefaultValue', 'Value'].map((a) => e.getAttribute(a)).filter((v): v is string => !!v && /^https?:/.test(v)));
    for (const u of urls) expect(u.startsWith('https://addin.example.cn/perf-eval/') || u === 'https://example.cn/help?a=1&b=2').toBe(true);
    expect(childNames(d.documentElement).slice(6, 10)).toEqual(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'Hosts']);
    expect(one('SupportUrl', d).getAttribute('DefaultValue')).toBe('https://example.cn/help?a=1&b=2');
  });

  it('refuses a base URL that is not HTTPS', () => {
    expect(() => productionManifest(xml, { baseUrl: 'http://addin.example.cn/' })).toThrow(/https/);
  });

  it('is what the webpack build copies', () => {
    const copied = webpackConfig.COPIED.find((c) => c.from === 'manifest.xml') as { transform?: (b: Buffer) => string } | undefined;
    expect(typeof copied?.transform).toBe('function');
    expect(copied!.transform!(Buffer.from(xml))).toContain('<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>');
  });
});
