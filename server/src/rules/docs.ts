// Where a rule's documentation lives, in the repository and inside the
// packaged extension (there is no public site yet).
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
