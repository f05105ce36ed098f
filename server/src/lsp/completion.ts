// Completion of base images: after `FROM ` (and in the default of an ARG a
// FROM uses) the catalogue's images, ordered by what the Dockerfile does, and
// the file's earlier stages; after `image:` its tags, from the local engine
// and the image's registry. A lookup never holds the answer for long: what has
// not answered within WAIT_MS is left out, the list is marked incomplete, and
// the editor asks again as the user types, by when the cache has the answer.
import { CompletionItemKind, MarkupKind, type CancellationToken, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { familyOf } from '../catalogue/catalogue';
import { familyMarkdown } from '../catalogue/describe';
import { imageSlotAt, orderTags, stageNamesBefore, suggestImages, type ImageSlot } from '../catalogue/suggest';
import { RegistryError } from '../registry/client';
import { within, type ImageLookups } from '../registry/lookups';

/** How long a completion waits for a lookup before answering without it. */
export const WAIT_MS = 300;

export async function completeImage(document: TextDocument, position: Position, lookups: ImageLookups, token?: CancellationToken): Promise<CompletionList | null> {
  const text = document.getText();
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const slot = imageSlotAt(text, lineText, position.character);
  if (!slot) return null;
  if (slot.kind === 'image') return { isIncomplete: false, items: imageItems(text, position.line, slot) };
  return tagList(document.uri, slot, position.line, lookups, token);
}

function imageItems(text: string, line: number, slot: ImageSlot): CompletionItem[] {
  const range = { start: { line, character: slot.start }, end: { line, character: slot.end } };
  const items: CompletionItem[] = stageNamesBefore(text, line).map((name, i) => ({
    label: name,
    kind: CompletionItemKind.Reference,
    detail: 'a stage of this Dockerfile',
    sortText: `0${String(i).padStart(4, '0')}`,
    textEdit: { range, newText: name },
  }));
  suggestImages(text).forEach(({ family, variant, reference }, i) => {
    items.push({
      label: reference,
      kind: CompletionItemKind.Module,
      detail: `${family.title}: ${variant.name}${variant.recommended ? ' (recommended)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: familyMarkdown(family, variant) },
      sortText: `1${String(i).padStart(4, '0')}`,
      filterText: reference,
      textEdit: { range, newText: reference },
    });
  });
  return items;
}

async function tagList(uri: string, slot: Extract<ImageSlot, { kind: 'tag' }>, line: number, lookups: ImageLookups, token?: CancellationToken): Promise<CompletionList> {
  const curated = familyOf(slot.image)?.tags ?? [];
  const range = { start: { line, character: slot.start }, end: { line, character: slot.end } };
  const list = (tags: { tag: string; where: string }[], isIncomplete: boolean): CompletionList => {
    const where = new Map<string, string>();
    for (const t of tags) if (!where.has(t.tag)) where.set(t.tag, t.where);
    return {
      isIncomplete,
      items: orderTags(where.keys()).map((tag, i) => ({
        label: tag,
        kind: CompletionItemKind.Constant,
        detail: where.get(tag),
        sortText: String(i).padStart(5, '0'),
        textEdit: { range, newText: tag },
      })),
    };
  };
  const fromCatalogue = curated.map((tag) => ({ tag, where: 'from the Layerwise catalogue' }));
  if (!lookups.allowed(uri)) return list(fromCatalogue, false);

  const localPromise = lookups.cachedLocalTags(slot.image) ?? lookups.localTags(uri, slot.image);
  let registry = lookups.cachedRegistryTags(uri, slot.image);
  let registryPending = false;
  const [local] = await Promise.all([
    within(localPromise, WAIT_MS),
    registry
      ? undefined
      : (async () => {
          const asked = lookups.registryTags(uri, slot.image);
          // Told once per failure (offline, 404, 401…): a Dockerfile naming an image no registry has is common.
          asked.catch((e: unknown) => {
            if (e instanceof RegistryError && e.kind !== 'cancelled') lookups.tellOnce(`tags of ${slot.image}: ${e.message}`);
          });
          registry = await within(asked, WAIT_MS);
          registryPending = registry === undefined && !(await settledWithin(asked, 0));
        })(),
  ]);
  if (token?.isCancellationRequested) return { isIncomplete: true, items: [] };
  const host = slot.image.includes('/') && /[.:]|^localhost$/.test(slot.image.split('/')[0]) ? slot.image.split('/')[0] : 'Docker Hub';
  const tags = [
    ...(local ?? []).map((tag) => ({ tag, where: 'on this machine' })),
    ...(registry ?? []).map((tag) => ({ tag, where: `from ${host}` })),
    ...(registry ? [] : fromCatalogue),
  ];
  return list(tags, registryPending || local === undefined);
}

/** Whether the promise has settled (either way) within `ms`. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  return (await within(settled, ms)) === true;
}
