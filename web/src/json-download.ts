// A JSON file made in the browser from an API answer as received (signed messages byte for byte as
// the API gave them: a partner re-canonicalises before verifying, so indentation is harmless).
import { useEffect, useState } from 'react';

/** An object URL for `value` as a JSON file, revoked when the value changes or the component goes; null without a value. */
export function useJsonDownload(value: unknown): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (value === undefined || value === null) return setUrl(null);
    const u = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [value]);
  return url;
}
