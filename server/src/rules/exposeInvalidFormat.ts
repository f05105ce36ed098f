import type { Fix, Rule } from '../engine/rule';
import type { Word } from '../model/types';
import { PROTOCOLS, portRangeSize, splitPortSpec } from './support/buildkit';

export const exposeInvalidFormat: Rule<Word[]> = {
  meta: {
    id: 'expose-invalid-format',
    title: 'EXPOSE with an IP address or a host port',
    severity: 'warning',
    category: 'hygiene',
    hadolint: [],
    buildkit: ['ExposeInvalidFormat'],
    fix: 'safe',
    messages: {
      format:
        "EXPOSE '{port}' names an IP address or a host port, which the image does not keep (it records '{kept}' only) and Docker says will be an error. Publish ports with `docker run -p` instead.",
      fix: "Write '{kept}'",
    },
  },
  collect(node) {
    if (node.keyword !== 'EXPOSE') return null;
    const words = node.args.filter((w) => !w.value.includes('$') && w.raw === w.value && w.value.includes(':'));
    return words.length > 0 ? words : null;
  },
  check({ report, collected }) {
    for (const { fact } of collected) {
      for (const word of fact) {
        const spec = splitPortSpec(word.value);
        if (spec.ip === '' && spec.hostPort === '') continue;
        const kept = spec.containerPort + (spec.proto ? `/${spec.proto}` : '');
        report({ span: word, messageId: 'format', data: { port: word.value, kept }, fixes: keepContainerPort(word, spec.hostPort, kept) });
      }
    }
  },
  local: true,
};

/**
 * The container port alone: what the image records, so the image stays the same. Only offered where BuildKit
 * builds the original, so that the fix never turns a failing build into one that passes unnoticed.
 */
function keepContainerPort(word: Word, hostPort: string, kept: string): Fix[] {
  const spec = splitPortSpec(word.value);
  const ports = portRangeSize(spec.containerPort);
  const hosts = hostPort === '' ? ports : portRangeSize(hostPort);
  if (ports === null || hosts === null || (spec.proto !== '' && !PROTOCOLS.has(spec.proto.toLowerCase()))) return [];
  if (ports !== hosts && ports !== 1) return [];
  if (spec.ip !== '' && !/^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])$/.test(spec.ip)) return [];
  return [{ title: `Write '${kept}'`, safety: 'safe', edits: [{ start: word.start, end: word.end, newText: kept }] }];
}
