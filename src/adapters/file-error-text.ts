// Why a file could not be read or written, in words and in Korean and English, for the people at
// a command line: Node's bare errno code (ENOENT) says little to most of them. The code stays in
// brackets, for searching.
import type { Bilingual } from '../domain/bilingual.ts';

/** `op`: on a write, ENOENT means the folder is missing, not the file. */
export function fileErrorText(e: unknown, op: 'read' | 'write' = 'read'): Bilingual {
  const error = e as NodeJS.ErrnoException;
  switch (error.code) {
    case 'ENOENT':
      return op === 'write' ? { ko: '폴더가 없습니다 (ENOENT)', en: 'no such folder (ENOENT)' } : { ko: '파일이 없습니다 (ENOENT)', en: 'no such file (ENOENT)' };
    case 'EISDIR':
      return { ko: '파일이 아니라 디렉터리입니다 (EISDIR)', en: 'it is a directory, not a file (EISDIR)' };
    case 'ENOTDIR':
      return { ko: '경로의 중간에 디렉터리가 아닌 파일이 있습니다 (ENOTDIR)', en: 'a part of the path is a file, not a directory (ENOTDIR)' };
    case 'ENOSPC':
      return { ko: '장치에 남은 공간이 없습니다 (ENOSPC)', en: 'no space left on the device (ENOSPC)' };
    case 'EACCES':
    case 'EPERM':
      return { ko: `권한이 없습니다 (${error.code})`, en: `permission denied (${error.code})` };
    default: {
      const why = error.code ?? String(error.message ?? e).split('\n')[0]!;
      return { ko: why, en: why };
    }
  }
}
