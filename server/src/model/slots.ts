// Facts kept with a model object (a node, a shell command) for as long as it
// lives: the incremental model keeps the objects an edit did not touch, so what
// is kept here is read again only for what changed. They sit on the object
// itself, in a property no one enumerates, rather than in WeakMaps: a cold lint
// makes thousands of such objects, and each WeakMap entry costs more to add
// and to collect than a slot dies with its object. Never keep with a node or a
// command anything that holds offsets: a kept node moves. A model never does
// (each version of the text gets a model of its own), so what is kept with a
// model may hold them.
const SLOTS = Symbol('layerwise.slots');

type Slotted = { [SLOTS]?: unknown[] };

let nextSlot = 0;

/** A slot of its own for each kind of fact. */
export function newSlot(): number {
  return nextSlot++;
}

/** The fact kept in `slot`, or undefined when none is. */
export function slotOf(owner: object, slot: number): unknown {
  return (owner as Slotted)[SLOTS]?.[slot];
}

export function keepInSlot(owner: object, slot: number, value: unknown): void {
  let slots = (owner as Slotted)[SLOTS];
  if (!slots) {
    slots = [];
    Object.defineProperty(owner, SLOTS, { value: slots, enumerable: false, writable: false, configurable: false });
  }
  slots[slot] = value;
}

/** A WeakMap's get, set, has and delete, kept in a slot of the key itself. A value of undefined reads as none. */
export class Slot<K extends object, V> {
  private readonly slot = newSlot();

  get(key: K): V | undefined {
    return slotOf(key, this.slot) as V | undefined;
  }

  set(key: K, value: V): this {
    keepInSlot(key, this.slot, value);
    return this;
  }

  has(key: K): boolean {
    return slotOf(key, this.slot) !== undefined;
  }

  delete(key: K): void {
    if (slotOf(key, this.slot) !== undefined) keepInSlot(key, this.slot, undefined);
  }
}
