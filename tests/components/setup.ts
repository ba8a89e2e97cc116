import { configure } from '@testing-library/react';

/** jsdom lacks a few browser APIs that Fluent UI calls; each stand-in below is here because a test needed it. */

// MessageBar (the pages' Notice) watches its own width to decide whether its actions wrap.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) Object.assign(window, { ResizeObserver: NoResizeObserver });

// findBy… and waitFor wait for the page to show something. Their default of one second is a speed bound: on a busy
// two-core machine a render with Fluent UI can take longer. Waiting longer costs nothing when the page is quick,
// and a page that never shows it still fails.
configure({ asyncUtilTimeout: 15_000 });
