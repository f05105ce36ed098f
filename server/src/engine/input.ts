// What can be linted at all: a binary file gets no findings and a file over
// the size limit gets one note instead of a long wait.

/** A NUL in the first 8 KB marks a binary file, as git and grep decide. */
export function looksBinary(text: string | Uint8Array): boolean {
  const n = Math.min(text.length, 8000);
  if (typeof text === 'string') {
    for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
    return false;
  }
  for (let i = 0; i < n; i++) if (text[i] === 0) return true;
  return false;
}

export function formatSize(units: number): string {
  return units >= 1024 * 1024 ? `${(units / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(units / 1024)} KB`;
}
