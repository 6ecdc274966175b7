import type { Notice } from '../cards/usersView';
import type { ServiceResult } from '../services/result';

/** The notice for a service result; in embedded mode an invitation link is shown so it can be followed. */
export function noticeOf(result: ServiceResult<unknown>): Notice {
  switch (result.status) {
    case 'done': {
      const link = (result.value as { link?: string } | undefined)?.link;
      return { text: link ? `${result.message} Embedded mode, invitation link: ${link}` : result.message, tone: 'good' };
    }
    case 'noop':
      return { text: result.message, tone: 'info' };
    case 'conflict':
      return { text: result.message, tone: 'warning' };
    case 'refused':
    case 'invalid':
      return { text: result.message, tone: 'attention' };
  }
}
