import type { RunOutcome } from '../../src/workbook/office/outcome';

// The services are tested against a mock Excel in test/workbook/office/run.test.ts; here only the command contract.
jest.mock('../../src/workbook/office/run', () => ({
  runScoring: jest.fn(),
  runValidation: jest.fn(),
  runUndo: jest.fn(),
}));

import { COMMAND_IDS, createHandlers, registerCommands, type CommandDeps } from '../../src/commands/commands';
import * as run from '../../src/workbook/office/run';
import { lastOutcome } from '../../src/workbook/office/outcomeBus';

const success = (action: RunOutcome['action']): RunOutcome => ({ action, ok: true, report: null, findings: [], notes: [], cellsWritten: 3 });

function deps(overrides: Partial<CommandDeps> = {}): CommandDeps & { published: RunOutcome[]; shown: number } {
  const d = {
    published: [] as RunOutcome[],
    shown: 0,
    score: jest.fn(async () => success('score')),
    validate: jest.fn(async () => success('validate')),
    undo: jest.fn(async () => success('undo')),
    showPane: () => {
      d.shown++;
    },
    publish: (o: RunOutcome) => {
      d.published.push(o);
    },
    ...overrides,
  };
  return d;
}

const event = () => ({ completed: jest.fn() });

describe('ribbon commands', () => {
  it('score: runs, publishes, stays silent on success, completes the event once', async () => {
    const d = deps();
    const e = event();
    await createHandlers(d).scoreWorkbook(e);
    expect(d.score).toHaveBeenCalledTimes(1);
    expect(d.published).toEqual([success('score')]);
    expect(d.shown).toBe(0);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('validate: always opens the pane that shows the findings', async () => {
    const d = deps();
    const e = event();
    await createHandlers(d).validateWorkbook(e);
    expect(d.shown).toBe(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('a failed run opens the pane and still completes the event', async () => {
    const failed: RunOutcome = { ...success('undo'), ok: false, error: '没有可撤销的评分记录' };
    const d = deps({ undo: jest.fn(async () => failed) });
    const e = event();
    await createHandlers(d).undoScoring(e);
    expect(d.published).toEqual([failed]);
    expect(d.shown).toBe(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('undo: silent when it restored everything; keeping cells changed by hand opens the pane that names them', async () => {
    const quiet = deps({ undo: jest.fn(async () => ({ ...success('undo'), conflicts: [] })) });
    await createHandlers(quiet).undoScoring(event());
    expect(quiet.shown).toBe(0);

    const conflicts = [{ sheet: '附件1', cell: 'H9', written: 5, now: 4.5, before: null }];
    const kept: RunOutcome = { ...success('undo'), message: '已恢复12个单元格；评分后改动过的1个单元格保留现状未恢复：附件1!H9（5 → 4.5）', conflicts };
    const d = deps({ undo: jest.fn(async () => kept) });
    const e = event();
    await createHandlers(d).undoScoring(e);
    expect(d.published).toEqual([kept]);
    expect(d.shown).toBe(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('a service that throws becomes a failed outcome; the handler never throws', async () => {
    const d = deps({ score: jest.fn(async () => Promise.reject(new Error('Excel 已关闭'))) });
    const e = event();
    await expect(createHandlers(d).scoreWorkbook(e)).resolves.toBeUndefined();
    expect(d.published[0]).toMatchObject({ action: 'score', ok: false, error: '运行失败：Excel 已关闭' });
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('completes even when publishing and showing the pane throw', async () => {
    const d = deps({
      publish: () => {
        throw new Error('listener broke');
      },
      showPane: () => {
        throw new Error('no pane');
      },
    });
    const e = event();
    await expect(createHandlers(d).validateWorkbook(e)).resolves.toBeUndefined();
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('registers the three manifest function names', () => {
    const associate = jest.fn();
    registerCommands({ associate }, deps());
    expect(associate.mock.calls.map((c) => c[0])).toEqual(['scoreWorkbook', 'validateWorkbook', 'undoScoring']);
    expect(COMMAND_IDS).toEqual(['scoreWorkbook', 'validateWorkbook', 'undoScoring']);
  });
});

describe('function file (src/commands/functions.ts) in an Office host', () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });

  it('associates every handler at top level, before Office.onReady; they load the commands, run the shared services and complete', async () => {
    const associated = new Map<string, (e: { completed: () => void }) => Promise<void>>();
    const onReady = jest.fn(() => new Promise(() => undefined)); // never ready: registration must not wait for it
    g.Office = {
      onReady,
      actions: { associate: (id: string, fn: (e: { completed: () => void }) => Promise<void>) => associated.set(id, fn) },
      context: { requirements: { isSetSupported: () => true } },
      addin: { showAsTaskpane: jest.fn(() => Promise.resolve()) },
    };
    const failed: RunOutcome = { ...success('score'), ok: false, error: '工作表“附件1”受保护' };
    (run.runScoring as jest.Mock).mockResolvedValueOnce(failed);
    (run.runValidation as jest.Mock).mockRejectedValueOnce(new Error('boom'));

    jest.isolateModules(() => {
      require('../../src/commands/functions');
    });
    expect([...associated.keys()]).toEqual(['scoreWorkbook', 'validateWorkbook', 'undoScoring']);

    const e1 = event();
    await associated.get('scoreWorkbook')!(e1);
    expect(e1.completed).toHaveBeenCalledTimes(1);
    // The ribbon asks Excel.run to wait for a cell edit to end.
    expect((run.runScoring as jest.Mock).mock.calls[0][0]).toMatchObject({ delayForCellEdit: true });
  });

  it('completes the event exactly once, also when the commands cannot be loaded', async () => {
    const { lazyHandler } = jest.requireActual('../../src/commands/functions') as typeof import('../../src/commands/functions');
    const e = event();
    await lazyHandler('scoreWorkbook', () => Promise.reject(new Error('offline')))(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    const e2 = event();
    await lazyHandler('scoreWorkbook', async () => ({ ...createHandlers(deps()), scoreWorkbook: async (ev) => ev.completed() }))(e2);
    expect(e2.completed).toHaveBeenCalledTimes(1);
  });

  it('publishes to the bus the task pane listens to', async () => {
    (run.runUndo as jest.Mock).mockResolvedValueOnce(success('undo'));
    const { createHandlers: handlers } = jest.requireActual('../../src/commands/commands') as typeof import('../../src/commands/commands');
    const e = event();
    await handlers().undoScoring(e);
    expect(lastOutcome()).toEqual(success('undo'));
    expect(e.completed).toHaveBeenCalledTimes(1);
  });
});

describe('校验 when the pane cannot be shown', () => {
  it('writes the 校验结果 sheet instead and publishes that outcome', async () => {
    const written: RunOutcome = { ...success('validate'), cellsWritten: 12 };
    const validateIntoSheet = jest.fn(async () => written);
    const d = deps({ showPane: () => false, validateIntoSheet });
    const e = event();
    await createHandlers(d).validateWorkbook(e);
    expect(validateIntoSheet).toHaveBeenCalledTimes(1);
    expect(d.published).toEqual([success('validate'), written]);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('does not when the pane showed', async () => {
    const validateIntoSheet = jest.fn(async () => success('validate'));
    const d = deps({ showPane: () => true, validateIntoSheet });
    await createHandlers(d).validateWorkbook(event());
    expect(validateIntoSheet).not.toHaveBeenCalled();
  });
});
