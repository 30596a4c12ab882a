// A button disabled while its request is under way loses the focus (the browser drops a focused element
// that is disabled to the page's body), and nothing gives it back when the request fails: after a cancelled
// passkey prompt or a refusal, Tab went on from the top of the page. useFocusBack gives the focus back to
// the button once the request is over, only when nothing else took it (a result or a form that takes it on
// success keeps it; a button gone with its form is left alone).
import { useEffect, useRef, type RefObject } from 'react';

/** Whether the button should take the focus back: the request just ended and the focus is nowhere (the body, or none). */
export function shouldTakeFocusBack(wasPending: boolean, pending: boolean, active: Element | null, body: Element | null): boolean {
  return wasPending && !pending && (active === null || active === body);
}

export function useFocusBack<T extends HTMLElement>(pending: boolean): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const was = useRef(pending);
  useEffect(() => {
    if (shouldTakeFocusBack(was.current, pending, document.activeElement, document.body)) ref.current?.focus();
    was.current = pending;
  }, [pending]);
  return ref;
}
