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
   * Text someone typed (a name, an address, a message): a word too long for its line, such as a URL, is broken
   * rather than widening the page or running into the next column. (Not 'anywhere': in a table that would also let
   * the column shrink below its words, and break short words too.)
   */
  typed: { overflowWrap: 'break-word' },
});
