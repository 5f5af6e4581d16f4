/**
 * Read a V8 .cpuprofile (node --cpu-prof) and print where the time went.
 *
 *   npx tsx scripts/cpuprofile-top.ts file.cpuprofile [top=40] [mode]
 *
 * mode: a substring to filter the self/inclusive tables by; "=name" lists who calls
 * the function `name` (time of its calls, by caller); ">name" splits the time spent
 * inside `name` by its direct callees ("(self)" is its own code).
 *
 * Profiles taken through tsx attribute everything to line 2 of each module; bundle
 * with esbuild first for useful file:line keys (see scripts/profile-engine.ts).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg = '40', mode = ''] = process.argv.slice(2);
const top = Number(topArg);
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map<number, number>();
for (const s of prof.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const total = prof.samples.length;
const msPerSample = (prof.endTime - prof.startTime) / 1000 / total;

function key(id: number): string {
  const cf = byId.get(id)!.callFrame;
  const url = cf.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
  return `${cf.functionName || '(anon)'} ${url}:${cf.lineNumber + 1}`;
}

function* stack(id: number): Generator<number> {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) yield cur;
}

function print(title: string, m: Map<string, number>, filter = ''): void {
  console.log(`\n== ${title} (total ${(total * msPerSample).toFixed(0)} ms, ${total} samples)`);
  [...m]
    .filter(([k]) => k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, c]) => console.log(`${((100 * c) / total).toFixed(1).padStart(5)}%  ${(c * msPerSample).toFixed(0).padStart(6)} ms  ${k}`));
}

const add = (m: Map<string, number>, k: string, c: number) => m.set(k, (m.get(k) ?? 0) + c);

if (mode.startsWith('=')) {
  // Callers of a function: the innermost frame of that name, then its caller.
  const name = mode.slice(1);
  const callers = new Map<string, number>();
  for (const [id, count] of hits) {
    for (const cur of stack(id)) {
      if (byId.get(cur)!.callFrame.functionName !== name) continue;
      const p = parent.get(cur);
      add(callers, p === undefined ? '(none)' : key(p), count);
      break;
    }
  }
  print(`callers of ${name}`, callers);
} else if (mode.startsWith('>')) {
  // Inside a function: the outermost frame of that name, then the frame right below it.
  const name = mode.slice(1);
  const inside = new Map<string, number>();
  for (const [id, count] of hits) {
    let found = false;
    let below: number | null = null;
    let prev: number | null = null;
    for (const cur of stack(id)) {
      if (byId.get(cur)!.callFrame.functionName === name) {
        found = true;
        below = prev;
      }
      prev = cur;
    }
    if (found) add(inside, below === null ? '(self)' : key(below), count);
  }
  print(`inside ${name}`, inside);
} else {
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, count] of hits) {
    add(self, key(id), count);
    const seen = new Set<string>();
    for (const cur of stack(id)) {
      const k = key(cur);
      if (!seen.has(k)) add(incl, k, count);
      seen.add(k);
    }
  }
  print('self', self, mode);
  print('inclusive', incl, mode);
}
