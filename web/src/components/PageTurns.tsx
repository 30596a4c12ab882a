// Pages of a list read newest first, each asked for by `before` (the last id of the page above it, the
// API's nextBefore): the audit log, the holder's notices given up. Another page is read from its top:
// the card scrolls into view (before, the view stayed at the buttons, below the new page's last rows).
import { useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useI18n } from '../i18n.tsx';

/** Below the sticky header when scrolled into view. */
const BELOW_HEADER: CSSProperties = { scrollMarginTop: '5rem' };

export interface PagesBefore {
  /** The page to ask for (undefined: the newest). */
  before: number | undefined;
  /** Spread on the card the list stands in: scrolled to on a turn. */
  card: { ref: RefObject<HTMLElement | null>; style: CSSProperties };
  /** Back to the newest page (a new search), without scrolling. */
  first: () => void;
  /** The newer page, null on the newest. */
  newer: (() => void) | null;
  older: (nextBefore: number) => void;
}

export function usePagesBefore(): PagesBefore {
  const [stack, setStack] = useState<number[]>([]);
  const ref = useRef<HTMLElement>(null);
  const turn = (next: number[]) => {
    setStack(next);
    ref.current?.scrollIntoView({ block: 'start' });
  };
  return {
    before: stack.at(-1),
    card: { ref, style: BELOW_HEADER },
    first: () => setStack([]),
    newer: stack.length > 0 ? () => turn(stack.slice(0, -1)) : null,
    older: (nextBefore) => turn([...stack, nextBefore]),
  };
}

/** The newer and older buttons under the list; older only when the API said there is a page after this one. */
export function PageTurns({ pages, nextBefore }: { pages: PagesBefore; nextBefore: number | null | undefined }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      {pages.newer ? (
        <button type="button" className="button" onClick={pages.newer}>
          {t('admin.auditNewer')}
        </button>
      ) : null}
      {nextBefore ? (
        <button type="button" className="button" onClick={() => pages.older(nextBefore)}>
          {t('admin.auditOlder')}
        </button>
      ) : null}
    </div>
  );
}
