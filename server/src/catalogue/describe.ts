// The catalogue's text about a family, as Markdown for completion docs and
// hovers, so that both say the same.
import type { Family, Variant } from './catalogue';

export function familyMarkdown(family: Family, variant?: Variant): string {
  const lines = [`**${family.title}**${variant ? ` — ${variant.name}` : ''}`, '', family.purpose];
  if (variant) lines.push('', `\`${variant.tag}\`: ${variant.description}`);
  const recommended = family.variants.find((v) => v.recommended);
  if (recommended) lines.push('', `Recommended: **${recommended.name}** (\`${recommended.tag}\`). ${recommended.recommended}`);
  lines.push('', `Based on: ${family.basedOn}. Typical size: ${family.typicalSize}.`, '', `[Registry page](${family.links.registry}) · [Dockerfile](${family.links.dockerfile})`);
  return lines.join('\n');
}
