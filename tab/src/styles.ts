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
  /**
   * A field in a row of fields that wraps: never wider than the row. A select is as wide as its longest option
   * ("Gedrag van een leidinggevende / hiërarchie"), which is wider than a phone.
   */
  // The control and its select may then be narrower than their content, and fill what they get.
  field: { maxWidth: '100%', minWidth: 0, '& > *': { minWidth: 0 }, '& select': { minWidth: 0 } },
});
