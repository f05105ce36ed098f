// Facts about an instruction or a shell command that do not depend on where it
// stands, kept for as long as the object lives. The incremental model keeps the
// nodes (and commands) of the instructions an edit did not touch, so a rule
// that reads the whole file pays again only for what changed. Never keep
// anything that holds offsets this way: a kept node moves.
import { keepInSlot, newSlot, slotOf } from '../../model/slots';

export function memoizeByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const slot = newSlot();
  return (key) => {
    const known = slotOf(key, slot);
    if (known !== undefined) return known === NONE ? (undefined as V) : (known as V);
    const value = compute(key);
    keepInSlot(key, slot, value === undefined ? NONE : value);
    return value;
  };
}

/** Kept for a computed undefined, which an empty slot cannot tell apart. */
const NONE = Symbol('none');
