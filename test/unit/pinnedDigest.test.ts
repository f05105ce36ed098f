// Where "Update the digest" finds the digest a FROM is pinned to: in the FROM
// line, or in the ARG default the FROM resolves through, nested ARGs included;
// nothing when no single word writes it out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model/build';
import { pinnedDigestOf } from '../../server/src/model/pinnedDigest';

const D = `sha256:${'a'.repeat(64)}`;

/** What pinnedDigestOf finds for the last stage: the reference asked about, the ARG, and the word holding the digest. */
function pinOf(text: string): { tagged: string; arg: string | null; holder: string } | null {
  const model = buildModel(text);
  const pin = pinnedDigestOf(model, model.stages[model.stages.length - 1]);
  if (!pin) return null;
  assert.equal(text.slice(pin.span.start, pin.span.end), D, 'the span is the digest itself');
  return { tagged: pin.tagged, arg: pin.arg, holder: text.slice(pin.holder.start, pin.holder.end) };
}

describe('the word that writes a FROM\'s pinned digest', () => {
  const cases: Array<[string, string, ReturnType<typeof pinOf>]> = [
    ['written out in the FROM', `FROM reg.example/img:1.0@${D} AS x\n`, { tagged: 'reg.example/img:1.0', arg: null, holder: `reg.example/img:1.0@${D}` }],
    ['an ARG default the FROM names as ${BASE}', `ARG BASE=reg.example/img:1.0@${D}\nFROM \${BASE}\n`, { tagged: 'reg.example/img:1.0', arg: 'BASE', holder: `BASE=reg.example/img:1.0@${D}` }],
    ['a quoted ARG default, FROM $BASE AS x', `ARG BASE="reg.example/img:1.0@${D}"\nFROM $BASE AS x\n`, { tagged: 'reg.example/img:1.0', arg: 'BASE', holder: `BASE="reg.example/img:1.0@${D}"` }],
    [
      'an ARG default made of other ARGs',
      `ARG REGISTRY=127.0.0.1:5000\nARG IMAGE=team/img\nARG TAG=1.0\nARG BASE=$REGISTRY/$IMAGE:\${TAG}@${D}\nFROM $BASE\n`,
      { tagged: '127.0.0.1:5000/team/img:1.0', arg: 'BASE', holder: `BASE=$REGISTRY/$IMAGE:\${TAG}@${D}` },
    ],
    ['a digest ARG of its own', `ARG DIGEST=${D}\nFROM reg.example/img:1.0@\${DIGEST}\n`, { tagged: 'reg.example/img:1.0', arg: 'DIGEST', holder: `DIGEST=${D}` }],
    ['the last of two declarations', `ARG BASE=reg.example/img:0.9@sha256:${'b'.repeat(64)}\nARG BASE=reg.example/img:1.0@${D}\nFROM $BASE\n`, { tagged: 'reg.example/img:1.0', arg: 'BASE', holder: `BASE=reg.example/img:1.0@${D}` }],
    ['no tag: nothing to ask the registry about', `FROM reg.example/img@${D}\n`, null],
    ['not pinned', 'ARG BASE=reg.example/img:1.0\nFROM $BASE\n', null],
    ['an ARG without a default', 'ARG BASE\nFROM $BASE\n', null],
    ['an earlier stage', `FROM reg.example/img:1.0@${D} AS base\nFROM base\n`, null],
    ['the digest in the ARG and again as the FROM\'s fallback', `ARG DIGEST=${D}\nFROM reg.example/img:1.0@\${DIGEST:-${D}}\n`, null],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(pinOf(text), expected));
  }
});
