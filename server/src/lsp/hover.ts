// Hover on a FROM image: the catalogue's text about its family; in a trusted
// workspace with lookups on, also the local engine's copy (size, created,
// platform, digests) and the digest the tag points to in its registry now.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { familyOf } from '../catalogue/catalogue';
import { familyMarkdown } from '../catalogue/describe';
import { formatSize } from '../engine/input';
import { parseImageReference } from '../container/imageReference';
import { within, type ImageLookups } from '../registry/lookups';

/** How long a hover waits for the engine and the registry; what has not answered by then is left out. */
export const HOVER_WAIT_MS = 2000;

/** The image word of a FROM line, with its columns. */
export function fromImageAt(lineText: string, character: number): { image: string; start: number; end: number } | null {
  const m = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)/i.exec(lineText);
  if (!m) return null;
  const start = m[1].length;
  const end = start + m[2].length;
  if (character < start || character > end) return null;
  return { image: m[2], start, end };
}

export async function hoverImage(document: TextDocument, position: Position, lookups: ImageLookups): Promise<Hover | null> {
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const at = fromImageAt(lineText, position.character);
  if (!at || at.image.includes('$')) return null;
  const parts: string[] = [];
  const family = familyOf(at.image);
  if (family) parts.push(familyMarkdown(family));
  const uri = document.uri;
  const image = parseImageReference(at.image);
  if (image && lookups.allowed(uri)) {
    const withTag = at.image.replace(/@.*$/, '');
    const [local, current] = await Promise.all([
      within(lookups.inspect(uri, at.image), HOVER_WAIT_MS),
      image.tag || !image.digest ? (lookups.cachedDigest(uri, withTag) ?? within(lookups.digest(uri, withTag), HOVER_WAIT_MS)) : undefined,
    ]);
    if (local) {
      const lines = [`**On this machine:** ${formatSize(local.size)}, created ${local.created.replace(/\.\d+Z$/, 'Z')}, ${local.platform}`, `- image ID \`${local.id}\``];
      for (const d of local.repoDigests) lines.push(`- \`${d}\``);
      parts.push(lines.join('\n'));
    }
    if (current) {
      const tag = image.tag ?? 'latest';
      let line = `**In ${image.registry}:** \`${tag}\` points to \`${current.digest}\`${/index|list/.test(current.mediaType ?? '') ? ' (a multi-platform index)' : ''}`;
      if (image.digest && image.digest !== current.digest) line += `\n\nThe pinned digest \`${image.digest}\` is no longer what \`${tag}\` points to.`;
      parts.push(line);
    }
  }
  if (parts.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: { line: position.line, character: at.start }, end: { line: position.line, character: at.end } },
  };
}
