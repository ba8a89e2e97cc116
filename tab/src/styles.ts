import { makeStyles } from '@fluentui/react-components';

/** Styles more than one page uses. */
export const useSharedStyles = makeStyles({
  /** Read by screen readers, not drawn. */
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  /**
   * Text someone typed (a name, an address, a message): a long unbroken string such as a URL breaks anywhere
   * rather than widening the page or running into the next column.
   */
  typed: { overflowWrap: 'anywhere' },
});
