// Sizes as docker prints them (decimal units: "350MB" in `docker images` is
// 350,000,000 bytes), so that our figures read like the ones the lesson compares.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 312000000 -> "312 MB"; three significant digits, as docker's own sizes. */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${bytes < 0 ? '-' : ''}${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}

const PARSE = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)[bB]?\s*$/;

/** "20MB", "20 MiB", "1.5G", "1000" -> bytes; null when the text is no size. */
export function parseBytes(text: string): number | null {
  const m = PARSE.exec(text);
  if (!m) return null;
  const power = ['', 'k', 'm', 'g', 't'].indexOf(m[2].toLowerCase());
  const base = m[3] ? 1024 : 1000;
  return Math.round(Number(m[1]) * base ** power);
}

/** "down 29 MB (8%)", "up 1.2 MB (0.3%)", "unchanged". */
export function describeChange(before: number, after: number): string {
  const diff = after - before;
  if (diff === 0) return 'unchanged';
  const percent = before > 0 ? Math.abs(diff / before) * 100 : 100;
  const shown = percent >= 10 || percent === 0 ? percent.toFixed(0) : Number(percent.toPrecision(1)).toString();
  return `${diff < 0 ? 'down' : 'up'} ${formatBytes(Math.abs(diff))} (${shown}%)`;
}
