import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Text,
  tokens
} from '@fluentui/react-components';
import type { LinkChoicesResponse, WireImportRow, WireLinkChoices } from '../../web/routes/tab/wire';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  search: { maxWidth: 'none', width: '100%' },
  choices: { maxHeight: '40vh', overflowY: 'auto', minWidth: 0 },
  choice: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 }
});

export interface ImportLinkDialogProps {
  row: WireImportRow;
  /** The row's link choices for a search (the page's inputs go with it). */
  load(search: string): Promise<LinkChoicesResponse>;
  /** Links the row to the portal user chosen: undefined once done, else why not. */
  link(userId: string): Promise<string | undefined>;
  onClose(): void;
}

/**
 * A row's "Link to…": the company's portal users not linked to anyone, searched by name or email as the
 * person types; one is chosen, and "Link" makes the Entra person that portal user when importing.
 */
export function ImportLinkDialog(props: ImportLinkDialogProps) {
  const { row, load, link, onClose } = props;
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<WireLinkChoices>();
  const [chosen, setChosen] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  // Search as the person types, a moment after they stop.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load(query)
      .then((answer) => {
        if (!current) return;
        if (answer.kind === 'linkChoices') {
          setChoices(answer.choices);
          setChosen((before) => before ?? answer.choices.current);
          setFailure(undefined);
        } else {
          setFailure(answer.message ?? 'Linking is not possible now.');
        }
      })
      .catch((error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [load, query]);

  async function confirm(userId: string) {
    setBusy(true);
    const refused = await link(userId).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (refused === undefined) return;
    setFailure(refused);
    setBusy(false);
  }

  const users = choices?.users ?? [];
  const pick = users.some((user) => user.id === chosen) ? chosen : undefined;
  const person = choices?.person;
  const email = person ? (person.email ?? (person.signInName ? `no mailbox (sign-in name ${person.signInName})` : 'no email in Entra ID')) : row.email;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="link-explanation">
        <DialogBody>
          <DialogTitle
            action={
              <Button appearance="subtle" aria-label="Close" onClick={onClose}>
                ✕
              </Button>
            }
          >
            {`Link ${row.name} to a portal user`}
          </DialogTitle>
          <DialogContent className={styles.content}>
            <Text block className={styles.choice}>
              {[email, person?.jobTitle ?? row.jobTitle].filter(Boolean).join(' · ')}
            </Text>
            <Text block id="link-explanation">
              Linking records that this person is the portal user you choose: importing links them instead of creating a duplicate. From then on their name and email follow Entra ID. Only portal users not linked to anyone are listed.
            </Text>
            <SearchBox className={styles.search} value={search} onChange={(_, d) => setSearch(d.value)} aria-label="Search portal users by name or email" placeholder="Search portal users by name or email" />
            <div className={styles.choices}>
              {users.length > 0 && (
                <RadioGroup aria-label="Portal users not linked to anyone" value={pick ?? ''} onChange={(_, d) => setChosen(d.value)}>
                  {users.map((user) => (
                    <Radio key={user.id} value={user.id} label={<span className={styles.choice}>{`${user.name} · ${user.email} · ${user.status}`}</span>} />
                  ))}
                </RadioGroup>
              )}
              {!loading && choices && users.length === 0 && (
                <Text block>{choices.search ? `No unlinked portal user matches “${choices.search}”.` : 'Every portal user of this company is linked to someone already.'}</Text>
              )}
              {choices?.more && <Text block className={styles.muted}>{`Only the first ${choices.shown} are listed: search to find others.`}</Text>}
            </div>
            {loading && <Spinner size="tiny" label="Searching…" />}
            {failure && (
              <Text block role="alert" className={styles.error}>
                {failure}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!pick || busy} onClick={() => pick && void confirm(pick)}>
              Link
            </Button>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
