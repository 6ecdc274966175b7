/** What an import card keeps between pages: people picked by hand, people left out of "select all unlinked", typed emails. */
export interface ImportSelection {
  picked: string[];
  unpicked: string[];
  emails: Record<string, string>;
}

/** What one submit of an import card says about the rows it showed. */
export interface ShownRowsInput {
  rowIds: string[];
  /** Rows shown ticked because "select all unlinked" took them in. */
  autoPicked?: string[];
  picks: Record<string, boolean | undefined>;
  emails: Record<string, string | undefined>;
}

/**
 * Merges a card's inputs into the selection; only rows the card showed can change (card data naming
 * other rows changes nothing). A box ticked by hand is a pick; a box unticked is "leave out" only where
 * "select all unlinked" had ticked it. A typed email is kept (at most 254 characters); an emptied one is dropped.
 */
export function mergeSelection(selection: ImportSelection, input: ShownRowsInput): ImportSelection {
  const shown = new Set(input.rowIds);
  const auto = new Set((input.autoPicked ?? []).filter((id) => shown.has(id)));
  const picked = new Set(selection.picked);
  const unpicked = new Set(selection.unpicked);
  const emails = { ...selection.emails };
  for (const id of shown) {
    const on = input.picks[id];
    if (on === true) {
      if (!auto.has(id)) picked.add(id);
      unpicked.delete(id);
    } else if (on === false) {
      picked.delete(id);
      if (auto.has(id)) unpicked.add(id);
    }
    const typed = input.emails[id]?.trim();
    if (typed) emails[id] = typed.slice(0, 254);
    else if (typed === '') delete emails[id];
  }
  return { picked: [...picked], unpicked: [...unpicked], emails };
}
