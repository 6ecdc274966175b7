import { CARD_OPERATION_IDS, type CardOperationId } from '../services/operations/ids';

/**
 * Every Action.Execute verb a card can send, in one place: the steps of the cards below (showing,
 * asking, paging) and the operations of the table (services/operations/ids.ts), whose verb is their
 * id. The builders put these into card data, the bot registers one handler for each
 * (src/bot/actions/index.ts), and the templates in adaptiveCards/ that spell a verb literally are
 * checked against this list (tests/unit/cardVerbs.contract.test.ts). No I/O and no Bot Framework
 * import: the tab's React app reads it too.
 */
export const CARD_VERBS = {
  users: {
    show: 'users.show',
    ask: 'users.ask',
    addForm: 'users.addForm'
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
    renameForm: 'company.renameForm',
    archiveForm: 'company.archiveForm',
    restoreForm: 'company.restoreForm',
    connect: 'company.connect',
    deleteForm: 'company.deleteForm'
  },
  history: {
    show: 'history.show',
    export: 'history.export'
  },
  staff: {
    show: 'staff.show',
    ask: 'staff.ask'
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
  /** The approval card of a permanent delete: its `refresh` action (its decisions are operations). */
  approval: {
    refresh: 'approval.refresh'
  }
} as const;

/**
 * Verbs of cards posted before their operation had its own verb: handled (the data names the
 * operation), so a card still in a chat acts as it did, but no card sends them any more.
 */
export const LEGACY_CARD_VERBS = ['users.add', 'users.do', 'staff.do', 'approval.approve', 'approval.reject', 'approval.cancel'] as const;
export type LegacyCardVerb = (typeof LEGACY_CARD_VERBS)[number];

type VerbGroups = typeof CARD_VERBS;

type GroupVerb = { [Group in keyof VerbGroups]: VerbGroups[Group][keyof VerbGroups[Group]] }[keyof VerbGroups];

/** One card verb: a step of a card (`'users.show'`), an operation of the table by its id (`'company.archive'`), or a legacy one. */
export type CardVerb = GroupVerb | CardOperationId | LegacyCardVerb;

/** Every card verb: the steps above, every operation a card runs, the legacy ones. */
export const ALL_CARD_VERBS: readonly CardVerb[] = [
  ...Object.values(CARD_VERBS).flatMap((group) => Object.values(group) as GroupVerb[]),
  ...CARD_OPERATION_IDS,
  ...LEGACY_CARD_VERBS
];

const KNOWN: ReadonlySet<string> = new Set(ALL_CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && KNOWN.has(value);
}
