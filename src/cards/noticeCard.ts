import type { ServiceResult } from '../services/result';
import { renderCard, type AdaptiveCardJson } from './render';

export type NoticeTone = 'done' | 'info' | 'warning' | 'refused';

export interface Fact {
  title: string;
  value: string;
}

/** A short outcome card: done, nothing to do, refused, or changed by someone else. */
export function noticeCard(input: { title: string; message: string; tone: NoticeTone; facts?: Fact[] }): AdaptiveCardJson {
  return renderCard('notice', { ...input, facts: input.facts ?? [] });
}

const TITLES: Record<ServiceResult<unknown>['status'], { title: string; tone: NoticeTone }> = {
  done: { title: 'Done', tone: 'done' },
  noop: { title: 'Nothing to change', tone: 'info' },
  refused: { title: 'Not done', tone: 'refused' },
  conflict: { title: 'Changed by someone else', tone: 'warning' },
  invalid: { title: 'Not done', tone: 'refused' }
};

/** The card for any service result. */
export function resultCard(result: ServiceResult<unknown>, facts?: Fact[]): AdaptiveCardJson {
  const { title, tone } = TITLES[result.status];
  return noticeCard({ title, tone, message: result.message, facts });
}
