import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file operations {@link writeFileAtomic} uses; tests pass failing ones. */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
}

const realFs: AtomicFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat };

/**
 * Write `data` to `file` all or nothing: write and fsync a temporary file in the same folder, then
 * rename it over `file`. When anything fails (a full disk, a missing folder) the temporary file is
 * removed, `file` is left as it was, and the error is rethrown.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, fs: AtomicFs = realFs): Promise<void> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Keep an existing file's permissions; a new file gets the usual 0666 & ~umask.
  let mode = 0o666;
  try {
    const existing = await fs.stat(target);
    if (existing.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: is a directory, open '${file}'`), { code: 'EISDIR' });
    }
    mode = existing.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let handle: Awaited<ReturnType<typeof fsp.open>> | null = null;
  try {
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** One plain line for a write error: "no space left on device", "folder does not exist", …. */
export function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return e.message ?? String(error);
  }
}
