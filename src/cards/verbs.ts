/**
 * Every Action.Execute verb a card can send, in one place. The builders put these into card data, the
 * bot registers one handler for each (src/bot/actions/index.ts), and the templates in adaptiveCards/
 * that spell a verb literally are checked against this list (tests/unit/cardVerbs.contract.test.ts).
 * No I/O and no Bot Framework import: the tab's React app reads it too.
 */
export const CARD_VERBS = {
  users: {
    show: 'users.show',
    ask: 'users.ask',
    do: 'users.do',
    addForm: 'users.addForm',
    add: 'users.add'
  },
  csv: {
    options: 'csv.options',
    cancel: 'csv.cancel',
    createHeld: 'csv.createHeld'
  },
  import: {
    open: 'import.open',
    page: 'import.page',
    review: 'import.review',
    run: 'import.run',
    linkForm: 'import.linkForm',
    row: 'import.row'
  },
  companies: {
    show: 'companies.show'
  },
  start: {
    pick: 'start.pick'
  },
  company: {
    addForm: 'company.addForm',
    add: 'company.add',
    renameForm: 'company.renameForm',
    rename: 'company.rename',
    archiveForm: 'company.archiveForm',
    archive: 'company.archive',
    restoreForm: 'company.restoreForm',
    restore: 'company.restore',
    connect: 'company.connect',
    deleteForm: 'company.deleteForm',
    requestDelete: 'company.requestDelete'
  },
  history: {
    show: 'history.show',
    export: 'history.export'
  },
  staff: {
    show: 'staff.show',
    ask: 'staff.ask',
    do: 'staff.do'
  },
  staffImport: {
    sources: 'staffImport.sources',
    open: 'staffImport.open',
    page: 'staffImport.page',
    linkForm: 'staffImport.linkForm',
    link: 'staffImport.link',
    unlink: 'staffImport.unlink',
    linkMatch: 'staffImport.linkMatch',
    createNew: 'staffImport.createNew',
    confirm: 'staffImport.confirm',
    run: 'staffImport.run'
  },
  /** The approval card of a permanent delete (its `refresh` action too). */
  approval: {
    refresh: 'approval.refresh',
    approve: 'approval.approve',
    reject: 'approval.reject',
    cancel: 'approval.cancel'
  }
} as const;

type VerbGroups = typeof CARD_VERBS;

/** One card verb, e.g. `'users.show'`. */
export type CardVerb = { [Group in keyof VerbGroups]: VerbGroups[Group][keyof VerbGroups[Group]] }[keyof VerbGroups];

/** Every card verb, in the order above. */
export const ALL_CARD_VERBS: readonly CardVerb[] = Object.values(CARD_VERBS).flatMap((group) => Object.values(group) as CardVerb[]);

const KNOWN: ReadonlySet<string> = new Set(ALL_CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && KNOWN.has(value);
}
