import { BusyButton } from './InFlight';

/**
 * Removing a row of a kept list: Teams blocks window.confirm in tabs, so the first click arms the button of that row
 * ("Ja, weghalen") and the second removes. Its name says which row, armed or not.
 */
export function RemoveTwice(props: {
  armed: boolean;
  words: { remove: string; removeConfirm: string };
  /** The button's accessible name, armed or not: it names the row. */
  label: (armed: boolean) => string;
  busy: boolean;
  busyText: string;
  onArm: () => void;
  onRemove: () => void;
}) {
  const { armed, words, label, busy, busyText, onArm, onRemove } = props;
  return (
    <BusyButton size="small" aria-label={label(armed)} busy={busy} busyText={busyText} onClick={() => (armed ? onRemove() : onArm())}>
      {armed ? words.removeConfirm : words.remove}
    </BusyButton>
  );
}
