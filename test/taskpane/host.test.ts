import { detectHost, prefersDark } from '../../src/taskpane/host';

const g = globalThis as unknown as { Office?: unknown };

afterEach(() => {
  delete g.Office;
});

describe('detectHost', () => {
  it('is the workbench at once when office.js did not load', async () => {
    expect(await detectHost(10_000)).toBe('workbench');
  });

  it('is Office when Office.onReady reports Excel', async () => {
    g.Office = { onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }) };
    expect(await detectHost()).toBe('office');
  });

  it('is the workbench when office.js runs outside an Office host', async () => {
    g.Office = { onReady: () => Promise.resolve({ host: null, platform: null }) };
    expect(await detectHost()).toBe('workbench');
  });

  it('does not hang when Office.onReady never answers', async () => {
    g.Office = { onReady: () => new Promise(() => undefined) };
    const started = Date.now();
    expect(await detectHost(50)).toBe('workbench');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('prefersDark', () => {
  it('follows the Office theme background', () => {
    g.Office = { context: { officeTheme: { bodyBackgroundColor: '#262626' } } };
    expect(prefersDark()).toBe(true);
    g.Office = { context: { officeTheme: { bodyBackgroundColor: '#FFFFFF' } } };
    expect(prefersDark()).toBe(false);
  });
});
