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

describe('detectHost, slow start', () => {
  it('starts as the workbench after the timeout, then switches to Excel when Office.onReady answers late', async () => {
    let answer!: (info: unknown) => void;
    g.Office = { onReady: () => new Promise((r) => (answer = r)) };
    const late = jest.fn();
    expect(await detectHost(20, late)).toBe('workbench');
    expect(late).not.toHaveBeenCalled();
    answer({ host: 'Excel', platform: 'PC' });
    await new Promise((r) => setTimeout(r, 0));
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('does not switch when the late answer is not Excel, nor when the first answer came in time', async () => {
    let answer!: (info: unknown) => void;
    g.Office = { onReady: () => new Promise((r) => (answer = r)) };
    const late = jest.fn();
    await detectHost(20, late);
    answer({ host: null, platform: null });
    await new Promise((r) => setTimeout(r, 0));
    g.Office = { onReady: () => Promise.resolve({ host: 'Excel' }) };
    expect(await detectHost(1000, late)).toBe('office');
    await new Promise((r) => setTimeout(r, 0));
    expect(late).not.toHaveBeenCalled();
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
