import { useState, useEffect, type InputHTMLAttributes } from 'react';
import { useDebounced } from '../../components/use-debounced';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  /** The value the list is filtered by (from the address). */
  value: string;
  /** Called once typing has settled, with the new text. */
  onSettle(value: string): void;
  /** Every keystroke (for suggestions that follow the text). */
  onDraft?(value: string): void;
}

/**
 * A text field that filters as you type without a query (or an address
 * change) per key: it keeps its own draft and hands it on once settled. A
 * value that changes from outside (Clear filters, a link) replaces the draft.
 */
export function TextFilter({ value, onSettle, onDraft, ...input }: Props) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const settled = useDebounced(draft, 250);
  useEffect(() => {
    if (settled !== seen) onSettle(settled);
    // Only a settled draft hands on; `seen` follows the address it produces.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <input
      {...input}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onDraft?.(e.target.value);
      }}
    />
  );
}
