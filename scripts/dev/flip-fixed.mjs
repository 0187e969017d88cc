// Turns it.fails tests that now pass (vitest: "Expect test to fail") into plain it(...).
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
const files = process.argv.slice(2);
let out;
try { out = execSync(`npx vitest run ${files.join(' ')} --reporter=json`, { encoding: 'utf8', maxBuffer: 1e8, stdio: ['ignore', 'pipe', 'ignore'] }); } catch (e) { out = e.stdout; }
const json = JSON.parse(out.slice(out.indexOf('{')));
for (const file of json.testResults) {
  let src = readFileSync(file.name, 'utf8');
  let changed = 0;
  for (const t of file.assertionResults) {
    if (t.status !== 'failed' || !t.failureMessages.some((m) => m.includes('Expect test to fail'))) continue;
    const title = t.title;
    // find it.fails( with this title (title may be templated: match first 30 chars)
    const key = title.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`((?:\\s*// BUG:[^\\n]*\\n(?:\\s*//[^\\n]*\\n)*)?)(\\s*)it\\.fails(\\(\\s*['"\`]${key})`);
    const m = re.exec(src);
    if (!m) { console.log('not found:', file.name, title); continue; }
    src = src.slice(0, m.index) + m[2] + 'it' + m[3] + src.slice(m.index + m[0].length);
    changed++;
    console.log('flipped:', title);
  }
  if (changed) writeFileSync(file.name, src);
}
