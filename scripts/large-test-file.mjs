// `node scripts/large-test-file.mjs <megabytes> [shape] [dir]`: writes one very large synthetic
// test file and prints its path. Deterministic: the same size and shape give the same bytes.
// Shapes (each has restored fakes and leaking writes, so the rules have findings):
//   mocha  (default) many describes, each with a Sinon stub made in `beforeEach` and restored in
//          `afterEach`, a try/finally save-and-restore of an imported module's member, and a leak;
//   jest   the same with `jest.spyOn` and `mockRestore()`;
//   flat   one describe with thousands of tests (many tests in one scope, not many scopes).
// Without a directory it writes under the system's temporary directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SHAPES = {
  mocha: {
    head: "const sinon = require('sinon');\nconst api = require('../src/api');\nconst config = require('../src/config');\n",
    unit: (i) => `
describe('block ${i}', () => {
  let stub;
  beforeEach(() => { stub = sinon.stub(api, 'get${i % 50}'); });
  afterEach(() => stub.restore());
  it('restores in finally ${i}', () => {
    const saved = api.transport${i % 20};
    try {
      api.transport${i % 20} = () => ({ status: ${i} });
      stub.returns(${i});
      run(${i});
    } finally {
      api.transport${i % 20} = saved;
    }
  });
  it('leaks ${i}', () => {
    ${i % 7 === 0 ? `config.retries${i % 3} = ${i};` : `const local = { calls: ${i} }; local.calls += 1;`}
  });
});
`,
  },
  jest: {
    head: "import * as api from '../src/api';\nimport config from '../src/config';\n",
    unit: (i) => `
describe('block ${i}', () => {
  let spy;
  beforeEach(() => { spy = jest.spyOn(api, 'get${i % 50}').mockReturnValue(${i}); });
  afterEach(() => spy.mockRestore());
  test('restores in finally ${i}', () => {
    const saved = config.transport${i % 20};
    try {
      config.transport${i % 20} = () => ({ status: ${i} });
      run(${i});
    } finally {
      config.transport${i % 20} = saved;
    }
  });
  test('leaks ${i}', () => {
    ${i % 7 === 0 ? `config.retries${i % 3} = ${i};` : `const local = { calls: ${i} }; local.calls += 1;`}
  });
});
`,
  },
  flat: {
    head: "const sinon = require('sinon');\nconst api = require('../src/api');\nconst config = require('../src/config');\n\ndescribe('one scope', () => {\n",
    unit: (i) => `
  it('restores in finally ${i}', () => {
    const stub = sinon.stub(api, 'get${i % 50}');
    const saved = api.transport${i % 20};
    try {
      api.transport${i % 20} = () => ({ status: ${i} });
      run(${i});
    } finally {
      api.transport${i % 20} = saved;
      stub.restore();
    }
  });
  it('leaks ${i}', () => {
    ${i % 7 === 0 ? `config.retries${i % 3} = ${i};` : `const local = { calls: ${i} }; local.calls += 1;`}
  });
`,
    tail: '});\n',
  },
};

/** The source of a file of about `megabytes` MB in `shape`, and how many units (describes or test pairs) it holds. */
export function largeTestFile(megabytes, shape = 'mocha') {
  const spec = SHAPES[shape];
  if (!spec) throw new Error(`unknown shape ${shape} (one of ${Object.keys(SHAPES).join(', ')})`);
  const target = megabytes * 1024 * 1024;
  const parts = [spec.head];
  let size = spec.head.length + (spec.tail?.length ?? 0);
  let units = 0;
  while (size < target) {
    const unit = spec.unit(units);
    parts.push(unit);
    size += unit.length;
    units += 1;
  }
  if (spec.tail) parts.push(spec.tail);
  return { code: parts.join(''), units };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const megabytes = Number(process.argv[2]);
  const shape = process.argv[3] ?? 'mocha';
  if (!(megabytes > 0) || !(shape in SHAPES)) {
    process.stderr.write(`usage: large-test-file.mjs <megabytes> [${Object.keys(SHAPES).join('|')}] [dir]\n`);
    process.exit(2);
  }
  const dir = process.argv[4] ?? path.join(os.tmpdir(), 'patch-leak-large');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `large-${shape}-${megabytes}mb.test.js`);
  const { code, units } = largeTestFile(megabytes, shape);
  writeFileSync(file, code);
  process.stderr.write(`${units} ${shape === 'flat' ? 'test pairs' : 'describes'}, ${code.length} bytes\n`);
  process.stdout.write(`${file}\n`);
}
