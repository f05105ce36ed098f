// How package names compare, for each installer: the lockfile readers
// normalize with these, and the pin fixes look names up the same way.

/** PEP 503: `Foo_Bar.baz` and `foo-bar-baz` are one package on an index. */
export function normalizePipName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** conda and apt compare names in lower case; `-` and `_` name different packages there. */
export function normalizeOtherName(name: string): string {
  return name.toLowerCase();
}
