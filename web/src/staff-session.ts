// Staff credentials kept for the tab: an officer session token (from password sign-in) or an
// operator API key. sessionStorage: gone when the tab closes.
import { useCallback, useState } from 'react';

export interface OfficerSession {
  token: string;
  expiresAt: string;
  user: { id: number; username: string; displayName: string; role: 'officer' | 'admin' };
}

export interface OperatorSession {
  apiKey: string;
  /** operatorName: absent in a session kept from before /me named the operator (shown by its code then). */
  operator: { operatorId: number; operatorCode: string; operatorName?: string; role: string };
}

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage blocked */
  }
}

export function useStoredSession<T>(key: string, valid: (s: T) => boolean = () => true): [T | null, (s: T | null) => void] {
  const [session, setSession] = useState<T | null>(() => {
    const s = read<T>(key);
    return s && valid(s) ? s : null;
  });
  const set = useCallback(
    (s: T | null) => {
      write(key, s);
      setSession(s);
    },
    [key],
  );
  return [session, set];
}

export const OFFICER_KEY = 'tonggwan.officer';
export const OPERATOR_KEY = 'tonggwan.operator';
export const officerValid = (s: OfficerSession) => new Date(s.expiresAt).getTime() > Date.now();
