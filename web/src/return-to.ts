// The page the officer sign-in returns to once signed in: pages that need an officer link to
// /officer?next=<where they are>, and the sign-in follows it. Only a path on this site is followed,
// never another origin (an open redirect): '//host', '/\host' (browsers read '\' as '/'), a scheme,
// a relative path or anything with control characters or spaces is refused.
export const SIGN_IN_PATH = '/officer';
const ORIGIN = 'https://same.invalid';

export function returnPath(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || /[\\\s\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = url.pathname + url.search + url.hash;
  return url.pathname === SIGN_IN_PATH || url.pathname === `${SIGN_IN_PATH}/` ? null : path;
}

/** The sign-in link from the page at `pathname` + `search`. */
export function signInLinkFor(pathname: string, search: string): string {
  const back = returnPath(pathname + search);
  return back ? `${SIGN_IN_PATH}?next=${encodeURIComponent(back)}` : SIGN_IN_PATH;
}
