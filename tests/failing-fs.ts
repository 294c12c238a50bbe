/**
 * A file system that fails where a test says, preloaded into the command run as a subprocess
 * (`node --import <this module> bin.js`): reading a file whose path matches the pattern in
 * PATCH_LEAK_TEST_UNREADABLE fails with EACCES, as reading a file without read permission does
 * (tests may run as root, who can read such a file all the same).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const pattern = process.env.PATCH_LEAK_TEST_UNREADABLE;
if (pattern) {
  const unreadable = new RegExp(pattern);
  const denied = (file: unknown): NodeJS.ErrnoException =>
    Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: String(file) });
  const readFile = fs.promises.readFile;
  fs.promises.readFile = ((file: Parameters<typeof readFile>[0], ...rest: unknown[]) =>
    unreadable.test(String(file)) ? Promise.reject(denied(file)) : (readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest)) as typeof readFile;
  const readFileSync = fs.readFileSync;
  fs.readFileSync = ((file: Parameters<typeof readFileSync>[0], ...rest: unknown[]) => {
    if (unreadable.test(String(file))) throw denied(file);
    return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof readFileSync;
  syncBuiltinESMExports();
}
