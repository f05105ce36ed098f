// Hover on a FROM image: the catalogue's text about its family; in a trusted
// workspace with lookups on, also the local engine's copy (size, created,
// platform, digests) and the digest the tag points to in its registry now.
// `FROM $BASE` (or `$REGISTRY/$IMAGE:$TAG`) is read by its ARG defaults, as
// the model resolves them, and the hover says so.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { familyOf } from '../catalogue/catalogue';
import { familyMarkdown } from '../catalogue/describe';
import { formatSize } from '../engine/input';
import { parseImageReference } from '../container/imageReference';
import type { DockerfileModel } from '../model/types';
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

/** The image a FROM names by ARGs, with their defaults substituted; null for a stage name or a variable without a default. */
function resolvedAt(model: DockerfileModel, offset: number): string | null {
  const stage = model.stages.find((s) => s.imageSpan && s.imageSpan.start <= offset && offset <= s.imageSpan.end);
  return stage && stage.baseStage === null && stage.resolvedImage ? stage.resolvedImage : null;
}

/** `model` gives the document's, asked only for a FROM that names its image by ARGs. */
export async function hoverImage(document: TextDocument, position: Position, lookups: ImageLookups, model?: () => DockerfileModel | undefined): Promise<Hover | null> {
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const at = fromImageAt(lineText, position.character);
  if (!at) return null;
  const byArgs = at.image.includes('$') ? model?.() : undefined;
  const reference = byArgs ? resolvedAt(byArgs, document.offsetAt(position)) : at.image;
  if (!reference || reference.includes('$')) return null;
  const parts: string[] = [];
  if (reference !== at.image) parts.push(`\`${at.image}\` is \`${reference}\` by the ARG defaults (a \`--build-arg\` can change it).`);
  const family = familyOf(reference);
  if (family) parts.push(familyMarkdown(family));
  const uri = document.uri;
  const image = parseImageReference(reference);
  if (image && lookups.allowed(uri)) {
    const withTag = reference.replace(/@.*$/, '');
    const [local, current] = await Promise.all([
      within(lookups.inspect(uri, reference), HOVER_WAIT_MS),
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
