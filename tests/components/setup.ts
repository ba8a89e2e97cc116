/** jsdom lacks a few browser APIs that Fluent UI calls; each stand-in below is here because a test needed it. */

// MessageBar (the pages' Notice) watches its own width to decide whether its actions wrap.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) Object.assign(window, { ResizeObserver: NoResizeObserver });
