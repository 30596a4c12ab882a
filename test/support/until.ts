/**
 * Waits until `check` gives a value (anything but undefined or false), asking every 50 ms for at
 * most `seconds`: tests wait on a condition (a webhook received, a worker's row written), never
 * on a fixed sleep.
 */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, seconds = 20): Promise<T> {
  const tries = Math.ceil((seconds * 1000) / 50);
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
