import { describe, expect, it } from 'vitest';
import { fileErrorText } from './file-error-text.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('a file error in words', () => {
  it('explains the usual errno codes in Korean and English, keeping the code', () => {
    expect(fileErrorText(errno('ENOENT'))).toEqual({ ko: '파일이 없습니다 (ENOENT)', en: 'no such file (ENOENT)' });
    expect(fileErrorText(errno('ENOENT'), 'write')).toEqual({ ko: '폴더가 없습니다 (ENOENT)', en: 'no such folder (ENOENT)' });
    expect(fileErrorText(errno('EISDIR')).en).toBe('it is a directory, not a file (EISDIR)');
    expect(fileErrorText(errno('EACCES'))).toEqual({ ko: '권한이 없습니다 (EACCES)', en: 'permission denied (EACCES)' });
  });

  it('falls back to the code, or the first line of the message without one', () => {
    expect(fileErrorText(errno('EMFILE'))).toEqual({ ko: 'EMFILE', en: 'EMFILE' });
    expect(fileErrorText(new Error('disk on fire\nstack'))).toEqual({ ko: 'disk on fire', en: 'disk on fire' });
  });
});
