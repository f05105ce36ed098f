// The WWW-Authenticate header a registry answers 401 with (RFC 7235): one or
// more challenges, each a scheme and parameters, as Docker Hub, GHCR, quay.io
// and docker-registry send them:
//   Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"
//   Basic realm="Registry Realm"

export interface Challenge {
  /** Lower-cased: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lower-cased, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Every challenge in the header, in order; parameters it cannot read are skipped, never thrown on. */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header;
  let current: Challenge | null = null;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (!rest) break;
    const word = TOKEN.exec(rest);
    if (!word) {
      // Not a token: skip to the next comma, so one odd part loses only itself.
      const comma = rest.indexOf(',');
      if (comma < 0) break;
      rest = rest.slice(comma + 1);
      continue;
    }
    const after = rest.slice(word[0].length).replace(/^\s*/, '');
    if (after.startsWith('=') && current) {
      // A parameter of the current challenge: name=token or name="quoted \"string\"".
      let value = '';
      let tail = after.slice(1).replace(/^\s*/, '');
      if (tail.startsWith('"')) {
        let i = 1;
        for (; i < tail.length && tail[i] !== '"'; i++) {
          if (tail[i] === '\\' && i + 1 < tail.length) i++;
          value += tail[i];
        }
        tail = tail.slice(i + 1);
      } else {
        const token = /^[^\s,]*/.exec(tail)![0];
        value = token;
        tail = tail.slice(token.length);
      }
      current.params[word[0].toLowerCase()] = value;
      rest = tail;
    } else if (after.startsWith('=')) {
      rest = after.slice(1);
    } else {
      current = { scheme: word[0].toLowerCase(), params: {} };
      challenges.push(current);
      rest = after;
      // token68 form (`Negotiate abc==`): kept as no parameters, as a registry never needs it.
      const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(rest);
      if (token68 && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=[^=]/.test(rest)) rest = rest.slice(token68[0].length);
    }
  }
  return challenges;
}
