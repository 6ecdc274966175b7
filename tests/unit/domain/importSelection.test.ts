import { mergeSelection, type ImportSelection, type ShownRowsInput } from '../../../src/domain/importSelection';

const EMPTY: ImportSelection = { picked: [], unpicked: [], emails: {} };
const shown = (input: Partial<ShownRowsInput>): ShownRowsInput => ({ rowIds: ['a', 'b'], picks: {}, emails: {}, ...input });
const sorted = (s: ImportSelection) => ({ picked: [...s.picked].sort(), unpicked: [...s.unpicked].sort(), emails: s.emails });

describe('merging an import card submit into the selection', () => {
  it.each<[string, ImportSelection, Partial<ShownRowsInput>, ImportSelection]>([
    ['a box ticked by hand is a pick', EMPTY, { picks: { a: true } }, { picked: ['a'], unpicked: [], emails: {} }],
    ['unticking a pick removes it', { ...EMPTY, picked: ['a'] }, { picks: { a: false } }, EMPTY],
    ['a box ticked by "select all unlinked" is not a pick', EMPTY, { autoPicked: ['a'], picks: { a: true } }, EMPTY],
    ['unticking a box ticked by "select all unlinked" leaves the person out', EMPTY, { autoPicked: ['a'], picks: { a: false } }, { picked: [], unpicked: ['a'], emails: {} }],
    ['ticking a left-out person again takes them back', { ...EMPTY, unpicked: ['a'] }, { autoPicked: ['a'], picks: { a: true } }, EMPTY],
    ['a row the card did not show cannot change', EMPTY, { picks: { z: true }, emails: { z: 'z@x.example' }, autoPicked: ['z'] }, EMPTY],
    ['picks on other pages survive', { ...EMPTY, picked: ['z'] }, { picks: { a: true } }, { picked: ['a', 'z'], unpicked: [], emails: {} }],
    ['a typed email is kept, trimmed', EMPTY, { emails: { a: '  ava@x.example ' } }, { ...EMPTY, emails: { a: 'ava@x.example' } }],
    ['an emptied email is dropped', { ...EMPTY, emails: { a: 'ava@x.example' } }, { emails: { a: ' ' } }, EMPTY],
    ['an email not sent keeps the one typed before', { ...EMPTY, emails: { a: 'ava@x.example' } }, {}, { ...EMPTY, emails: { a: 'ava@x.example' } }],
    ['an overlong email is cut to 254 characters', EMPTY, { emails: { a: 'x'.repeat(300) } }, { ...EMPTY, emails: { a: 'x'.repeat(254) } }]
  ])('%s', (_what, before, input, expected) => {
    expect(sorted(mergeSelection(before, shown(input)))).toEqual(sorted(expected));
  });
});
