/** `npm run bench -- ...`: the options of the same-process A/B, and the median it reports (no timing here). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, parseBenchArgs } from './bench/ab-options.js';

describe('bench options', () => {
  it('with no option, the fixtures bench with 7 rounds', () => {
    assert.deepEqual(parseBenchArgs([]), { dir: undefined, rounds: 7, plugins: [] });
  });

  it('--ab takes a directory, --rounds a count, --plugin-a and --plugin-b two builds in that order', () => {
    assert.deepEqual(parseBenchArgs(['--ab', '/p', '--rounds', '9']), { dir: '/p', rounds: 9, plugins: [] });
    assert.deepEqual(parseBenchArgs(['--plugin-b', '/new', '--ab', '/p', '--plugin-a', '/old']), { dir: '/p', rounds: 7, plugins: ['/old', '/new'] });
  });

  it('refuses fewer than 7 rounds, a missing value, one build alone, builds without a directory, and unknown options', () => {
    assert.throws(() => parseBenchArgs(['--ab', '/p', '--rounds', '6']), /at least 7, not 6/);
    assert.throws(() => parseBenchArgs(['--ab', '/p', '--rounds', '7.5']), /at least 7, not 7.5/);
    assert.throws(() => parseBenchArgs(['--ab', '--rounds', '7']), /--ab needs a value/);
    assert.throws(() => parseBenchArgs(['--ab']), /--ab needs a value/);
    assert.throws(() => parseBenchArgs(['--ab', '/p', '--plugin-a', '/old']), /go together/);
    assert.throws(() => parseBenchArgs(['--plugin-a', '/old', '--plugin-b', '/new']), /need --ab/);
    assert.throws(() => parseBenchArgs(['--fast']), /unknown option --fast/);
  });

  it('the median is the middle value, the mean of the two middle ones for an even count, whatever the order', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.ok(Number.isNaN(median([])));
  });
});
