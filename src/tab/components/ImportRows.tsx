import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useRestoreFocusTarget
} from '@fluentui/react-components';
import type { EntraImportRowInput, WireImportPage, WireImportRow } from '../../web/routes/tab/wire';

/** A row's own decision, as the row route takes it. */
export type RowDecision = Pick<EntraImportRowInput, 'resolve' | 'userId'>;

const NARROW = '@media (max-width: 640px)';
const useStyles = makeStyles({
  wide: { [NARROW]: { display: 'none' } },
  muted: { color: tokens.colorNeutralForeground3 },
  wrap: { overflowWrap: 'anywhere' },
  pickColumn: { width: '4.5rem', [NARROW]: { width: '3.25rem' } },
  nameColumn: { [NARROW]: { width: '32%' } },
  emailColumn: { width: '26%' },
  statusColumn: { width: '34%', [NARROW]: { width: 'auto' } },
  status: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalXS} 0`, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS, maxWidth: '100%' },
  action: { maxWidth: '100%', whiteSpace: 'normal', height: 'auto', minHeight: '24px', textAlign: 'start' },
  // Each status in words, and in a colour of the Teams theme legible (WCAG AA) on the row's background,
  // also while hovered, in the default and dark themes; the high-contrast theme has one text colour.
  linked: { color: tokens.colorNeutralForeground3 },
  willLink: { color: tokens.colorPaletteGreenForeground2, fontWeight: tokens.fontWeightSemibold },
  matchesExisting: { color: tokens.colorBrandForeground2 },
  emailTaken: { color: tokens.colorPaletteRedForeground2 },
  possibleMatch: { color: tokens.colorStatusWarningForeground2, fontWeight: tokens.fontWeightSemibold },
  new: {}
});

export interface ImportRowsProps {
  page: WireImportPage;
  picks: Record<string, boolean>;
  emails: Record<string, string>;
  busy: boolean;
  onPick(rowId: string, on: boolean): void;
  onEmail(rowId: string, value: string): void;
  onDecide(row: WireImportRow, decision: RowDecision): void;
  /** "Link to…": choose the portal user in a dialog. */
  onLinkTo(row: WireImportRow): void;
}

/**
 * The source's people on the import page: the tick, the email (typed for those without a mailbox),
 * the status in words, and the row's own decisions: a possible match's "Link to <name>" and "Create new"
 * as buttons, the others ("Link to…", using the sign-in name as the email, "Undo") in the row's menu.
 */
export function ImportRows(props: ImportRowsProps) {
  const { page, picks, emails } = props;
  const styles = useStyles();
  return (
    <Table aria-label={`People in ${page.companyName}'s ${page.sourceLabel}`} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.pickColumn}>Import</TableHeaderCell>
          <TableHeaderCell className={styles.nameColumn}>Name</TableHeaderCell>
          <TableHeaderCell className={mergeClasses(styles.wide, styles.emailColumn)}>Email</TableHeaderCell>
          <TableHeaderCell className={styles.wide}>Job title</TableHeaderCell>
          <TableHeaderCell className={styles.statusColumn}>Status</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {page.rows.map((row) => (
          <TableRow key={row.id} data-row-id={row.id}>
            <TableCell>
              <Checkbox aria-label={`Import ${row.name}`} checked={picks[row.id] ?? false} disabled={!row.pickable || row.status === 'linked'} onChange={(_, d) => props.onPick(row.id, d.checked === true)} />
            </TableCell>
            <TableCell className={styles.wrap}>{row.name}</TableCell>
            <TableCell className={mergeClasses(styles.wide, styles.wrap)}>
              {row.needsEmail ? (
                <Field validationMessage={row.emailError} validationState={row.emailError ? 'error' : 'none'} hint={mailboxHint(row, page.useSignInNames, emails[row.id])}>
                  <Input aria-label={`Email for ${row.name}`} value={emails[row.id] ?? ''} onChange={(_, d) => props.onEmail(row.id, d.value)} />
                </Field>
              ) : (
                row.email
              )}
            </TableCell>
            <TableCell className={styles.wide}>{row.jobTitle ?? ''}</TableCell>
            <TableCell>
              <RowStatus row={row} busy={props.busy} onDecide={props.onDecide} onLinkTo={props.onLinkTo} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What the email field of someone without a mailbox says of their sign-in name: a suggestion until confirmed. */
function mailboxHint(row: WireImportRow, useSignInNames: boolean, typed: string | undefined): string {
  if (!row.signInName) return 'No mailbox in Entra ID';
  if (typed === row.signInName || (useSignInNames && !typed)) return `No mailbox: imported as ${row.signInName}, their sign-in name (confirmed)`;
  return `No mailbox in Entra ID; sign-in name ${row.signInName}, used only once you confirm it`;
}

function RowStatus(props: { row: WireImportRow; busy: boolean; onDecide(row: WireImportRow, decision: RowDecision): void; onLinkTo(row: WireImportRow): void }) {
  const { row, busy, onDecide } = props;
  const styles = useStyles();
  // Closing the "Link to…" dialog puts the focus back on the menu's button.
  const restoreFocus = useRestoreFocusTarget();
  const { offers } = row;
  const suggested = offers.linkSuggested;
  const menu = offers.linkTo || offers.useSignInName || offers.undo;
  return (
    <div className={styles.status}>
      <Text className={mergeClasses(styles[row.status], styles.wrap)} data-status={row.status}>
        {row.statusText}
      </Text>
      {row.marks.length > 0 && <Text className={mergeClasses(styles.muted, styles.wrap)}>{row.marks.join(', ')}</Text>}
      {(suggested || offers.createNew || menu) && (
        <div className={styles.actions}>
          {suggested && (
            <Button size="small" className={styles.action} disabled={busy} onClick={() => onDecide(row, { resolve: 'link', userId: suggested.userId })}>
              {`Link to ${suggested.name}`}
            </Button>
          )}
          {offers.createNew && (
            <Button size="small" className={styles.action} disabled={busy} onClick={() => onDecide(row, { resolve: 'createNew' })}>
              Create new
            </Button>
          )}
          {menu && (
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <MenuButton size="small" appearance="subtle" aria-label={`More actions for ${row.name}`} icon={<span aria-hidden="true">…</span>} disabled={busy} {...restoreFocus} />
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {offers.linkTo && <MenuItem onClick={() => props.onLinkTo(row)}>Link to…</MenuItem>}
                  {offers.useSignInName && row.signInName && <MenuItem onClick={() => onDecide(row, { resolve: 'useSignInName' })}>{`Use ${row.signInName} as their email`}</MenuItem>}
                  {offers.undo && <MenuItem onClick={() => onDecide(row, { resolve: 'undo' })}>Undo</MenuItem>}
                </MenuList>
              </MenuPopover>
            </Menu>
          )}
        </div>
      )}
    </div>
  );
}
