import { useEffect, useRef } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { AdaptiveCard, ExecuteAction, HostConfig, SubmitAction, type Action } from 'adaptivecards';
import { Template } from 'adaptivecards-templating';

/**
 * Renders a card template of adaptiveCards/ (the bot's own form) with the Adaptive Cards renderer, bound
 * with adaptivecards-templating like the server does. Inputs are validated on the card (required, regex)
 * before `onExecute` is called with the action's verb and the card's values; the server checks again.
 * Colours are Fluent's CSS variables, so the card follows the Teams theme.
 */
const HOST_CONFIG = new HostConfig({
  fontFamily: tokens.fontFamilyBase,
  supportsInteractivity: true,
  containerStyles: {
    default: {
      backgroundColor: 'transparent',
      foregroundColors: {
        default: { default: tokens.colorNeutralForeground1, subtle: tokens.colorNeutralForeground3 },
        attention: { default: tokens.colorPaletteRedForeground1, subtle: tokens.colorPaletteRedForeground1 },
        good: { default: tokens.colorPaletteGreenForeground1, subtle: tokens.colorPaletteGreenForeground1 },
        warning: { default: tokens.colorPaletteDarkOrangeForeground1, subtle: tokens.colorPaletteDarkOrangeForeground1 },
        accent: { default: tokens.colorBrandForeground1, subtle: tokens.colorBrandForeground1 }
      }
    }
  },
  actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, showCard: { actionMode: 'inline' } }
});

const useStyles = makeStyles({
  host: {
    color: tokens.colorNeutralForeground1,
    '& .ac-input': {
      fontFamily: tokens.fontFamilyBase,
      fontSize: tokens.fontSizeBase300,
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorNeutralBackground1,
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      padding: '6px 8px',
      boxSizing: 'border-box'
    },
    '& .ac-input.ac-toggleInput': { border: 'none', padding: 0, backgroundColor: 'transparent' },
    '& .ac-input:focus-visible, & .ac-pushButton:focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    '& .ac-input.ac-input-validation-failed': { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
    '& .ac-pushButton': {
      fontFamily: tokens.fontFamilyBase,
      fontSize: tokens.fontSizeBase300,
      fontWeight: tokens.fontWeightSemibold,
      padding: '6px 16px',
      minHeight: '32px',
      borderRadius: tokens.borderRadiusMedium,
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      cursor: 'pointer'
    },
    '& .ac-pushButton.style-positive': { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: 'none' },
    '& .ac-pushButton.style-destructive': { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand, border: 'none' }
  }
});

export interface CardSubmission {
  verb: string;
  data: Record<string, unknown>;
}

export function AdaptiveCardHost(props: { template: object; data: object; onExecute(submission: CardSubmission): void; label: string }) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const onExecute = useRef(props.onExecute);
  onExecute.current = props.onExecute;

  useEffect(() => {
    const card = new AdaptiveCard();
    card.hostConfig = HOST_CONFIG;
    card.onExecuteAction = (action: Action) => {
      if (action instanceof ExecuteAction) onExecute.current({ verb: action.verb, data: { ...(action.data as Record<string, unknown>) } });
      else if (action instanceof SubmitAction) onExecute.current({ verb: 'submit', data: { ...(action.data as Record<string, unknown>) } });
    };
    card.parse(new Template(props.template).expand({ $root: props.data }));
    const element = card.render();
    if (host.current && element) host.current.replaceChildren(element);
    // Focus the first input, as a dialog should.
    host.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [props.template, props.data]);

  return <div ref={host} className={styles.host} role="form" aria-label={props.label} />;
}
