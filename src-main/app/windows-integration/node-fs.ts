/** The real `IntegrationFs`: node:fs/promises. */
import fsp from 'node:fs/promises';
import type { IntegrationFs } from './task-control.ts';

export function createNodeFs(): IntegrationFs {
  return {
    async readFile(filePath) {
      try {
        return await fsp.readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async writeFile(filePath, data, options) {
      // 0o600: only the user reads the files (a no-op on Windows, where the folder's ACL decides).
      await fsp.writeFile(filePath, data, { flag: options?.isExclusive ? 'wx' : 'w', mode: 0o600 });
    },
    async remove(filePath) {
      await fsp.rm(filePath, { force: true });
    },
    async mkdir(folderPath) {
      await fsp.mkdir(folderPath, { recursive: true });
    },
  };
}

