/** Is a path an existing file, or an existing directory (symbolic links followed)? False when it cannot be read. */
import { statSync } from 'node:fs';

export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
