// The rules a staff password (officer, administrator) must meet: the CLI (`tonggwan users add
// --password-stdin`), the own-password change (POST /api/v1/me/password) and nothing else sets one
// by hand; the platform's own are random (Secrets.randomPassword, 24 characters).
// Length over composition rules, as NIST SP 800-63B §3.1.1.2 (min 8; 12 here as the CLI always had),
// and not the username nor the password it replaces.
import type { Bilingual } from '../domain/bilingual.ts';

export const STAFF_PASSWORD_MIN = 12;
/** As the sign-in route takes them (src/http/schemas.ts, SignInBody). */
export const STAFF_PASSWORD_MAX = 200;

/** Why `password` cannot be a staff password, or null when it can. Lengths count characters, not UTF-16 units. */
export function staffPasswordProblem(password: string, o: { username: string; current?: string }): Bilingual | null {
  const n = [...password].length;
  if (n < STAFF_PASSWORD_MIN || n > STAFF_PASSWORD_MAX) {
    return { ko: `새 비밀번호는 ${STAFF_PASSWORD_MIN}~${STAFF_PASSWORD_MAX}자여야 합니다 (지금 ${n}자).`, en: `The new password needs ${STAFF_PASSWORD_MIN} to ${STAFF_PASSWORD_MAX} characters (it has ${n}).` };
  }
  if (password.toLowerCase().includes(o.username.toLowerCase())) return { ko: '새 비밀번호에 사용자 이름이 들어 있습니다.', en: 'The new password contains the username.' };
  if (o.current !== undefined && password === o.current) return { ko: '새 비밀번호가 현재 비밀번호와 같습니다.', en: 'The new password is the current one.' };
  return null;
}
