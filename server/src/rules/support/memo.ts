// Facts about an instruction or a shell command that do not depend on where it
// stands, kept for as long as the object lives. The incremental model keeps the
// nodes (and commands) of the instructions an edit did not touch, so a rule
// that reads the whole file pays again only for what changed. Never keep
// anything that holds offsets this way: a kept node moves.
export function memoizeByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    // One lookup where the value is known (most are null, not undefined), two only for a value of undefined.
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
