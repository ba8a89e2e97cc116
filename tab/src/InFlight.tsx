import { Button, type ButtonProps, Spinner } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { useSharedStyles } from './styles';

/**
 * The requests a page has in flight, by key (a row, a form) and by the action that started it. While a key's
 * request runs, `run` ignores a second start for that key: a double click, or Enter pressed twice in a form,
 * sends one request. The page shows `busy(key)` on its buttons (see BusyButton).
 */
export function useInFlight() {
  // A ref, not state alone: a second click can come before React has drawn the first one as busy.
  const running = useRef(new Map<string, string>());
  const [, redraw] = useState(0);
  const run = useCallback((key: string, action: string, work: () => Promise<unknown>): void => {
    if (running.current.has(key)) return;
    running.current.set(key, action);
    redraw((n) => n + 1);
    void work().finally(() => {
      running.current.delete(key);
      redraw((n) => n + 1);
    });
  }, []);
  /** The action running for this key, if one is. */
  const busy = useCallback((key: string): string | undefined => running.current.get(key), []);
  return { run, busy };
}

/**
 * A button that sends a request. While `busy` (its own request runs) it shows a spinner and its name says
 * so; while `blocked` (another request for the same thing runs) it takes no clicks either. It stays focusable
 * (aria-disabled), so a keyboard user keeps their place.
 */
export function BusyButton(props: ButtonProps & { busy: boolean; blocked?: boolean; busyText: string }) {
  const { busy, blocked, busyText, children, icon, ...rest } = props;
  const label = rest['aria-label'];
  const styles = useSharedStyles();
  return (
    <Button
      {...rest}
      disabledFocusable={busy || blocked || rest.disabledFocusable}
      aria-busy={busy || undefined}
      icon={busy ? <Spinner size="extra-tiny" aria-hidden="true" /> : icon}
      aria-label={busy && label ? `${label} (${busyText})` : label}
    >
      {children}
      {busy && !label && <span className={styles.visuallyHidden}> ({busyText})</span>}
    </Button>
  );
}
