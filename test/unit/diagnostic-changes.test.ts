// The two halves of layerwise/diagnosticChanges together, on any sequence of
// lints: whatever the server kept, made again or moved, the client's reader
// must end up holding exactly the diagnostics of the last lint. The engine
// itself never moves a kept finding otherwise than its lines (the protocol
// tests show that on real edits); these lints do, list a finding twice, bring
// back one the lint before had dropped, and give the tracker a wrong shift as
// well as the right one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DiagnosticChangesReader, lspDiagnosticShape } from '../../client/src/diagnosticChangesReader';
import type { Finding } from '../../server/src/engine/rule';
import { DiagnosticChangeTracker } from '../../server/src/lsp/diagnosticChanges';
import { placedDiagnosticOf } from '../../server/src/lsp/diagnostics';

/**
 * One finding of a lint: `keep` keeps a finding of the lint before (by its index, modulo their count), or of the one
 * before that when `older`, or null makes a new one; a kept finding with `shifted` moves as the lines below the edit
 * do, and any other goes to `at`.
 */
const entry = fc.record({
  keep: fc.option(fc.nat(40), { nil: null }),
  older: fc.boolean(),
  rule: fc.constantFrom('pip-cache-not-disabled', 'apt-lists-not-removed'),
  message: fc.constantFrom('one', 'two'),
  shifted: fc.boolean(),
  at: fc.tuple(fc.nat(30), fc.nat(8), fc.nat(30), fc.nat(8)),
});
/** A lint: its findings, how the lines below the edit moved, and what the server says of that (right, wrong or nothing). */
const lint = fc.record({
  entries: fc.array(entry, { maxLength: 25 }),
  from: fc.nat(30),
  by: fc.integer({ min: -3, max: 3 }),
  told: fc.constantFrom('right', 'wrong', 'nothing'),
  wrong: fc.record({ from: fc.nat(30), by: fc.integer({ min: -3, max: 3 }) }),
});

function finding(rule: string, message: string): Finding {
  return { rule, severity: 'warning', message, span: { start: 0, end: 0 }, hadolint: null, buildkit: null, fixes: [] };
}

const asSet = (ds: unknown[]) => ds.map((d) => JSON.stringify(d)).sort();

describe('layerwise/diagnosticChanges: the server tracker and the client reader', () => {
  it('after any sequence of lints, the reader holds exactly the last lint\'s diagnostics', () => {
    fc.assert(
      fc.property(fc.array(lint, { minLength: 1, maxLength: 8 }), (lints) => {
        const tracker = new DiagnosticChangeTracker();
        const reader = new DiagnosticChangesReader(lspDiagnosticShape);
        let before: Finding[] = [];
        let older: Finding[] = [];
        let beforePositions = new Int32Array(0);
        for (const { entries, from, by, told, wrong } of lints) {
          const findings: Finding[] = [];
          const positions = new Int32Array(entries.length * 4);
          entries.forEach((e, i) => {
            if (e.keep !== null && e.older && older.length > 0) {
              findings.push(older[e.keep % older.length]);
              positions.set(e.at, i * 4);
              return;
            }
            const j = e.keep !== null && before.length > 0 ? e.keep % before.length : -1;
            findings.push(j >= 0 ? before[j] : finding(e.rule, e.message));
            const old = j >= 0 && e.shifted ? [...beforePositions.subarray(j * 4, j * 4 + 4)] : null;
            const d = old && old[0] >= from ? by : 0;
            const at = old ? [Math.max(0, old[0] + d), old[1], Math.max(0, old[2] + d), old[3]] : e.at;
            positions.set(at, i * 4);
          });
          const edited = told === 'right' ? { from, by } : told === 'wrong' ? wrong : undefined;
          const held = reader.apply(tracker.changes('file:///Dockerfile', undefined, findings, positions, [], edited));
          assert.deepEqual(asSet(held), asSet(findings.map((f, i) => placedDiagnosticOf(f, positions, i))));
          older = before;
          before = findings;
          beforePositions = positions;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a closed document is emptied, and its next lint is sent whole', () => {
    const tracker = new DiagnosticChangeTracker();
    const reader = new DiagnosticChangesReader(lspDiagnosticShape);
    const f = finding('pip-cache-not-disabled', 'one');
    reader.apply(tracker.changes('file:///Dockerfile', 1, [f], Int32Array.of(2, 4, 2, 15), []));
    assert.deepEqual(reader.apply(tracker.closed('file:///Dockerfile')), []);
    const reopened = tracker.changes('file:///Dockerfile', 1, [f], Int32Array.of(2, 4, 2, 15), []);
    assert.equal(reopened.reset, true);
    assert.equal(reader.apply(reopened).length, 1);
  });
});
