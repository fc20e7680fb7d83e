// What the API's lists hold, as the screens keep and show them: a page of the archive beside its
// numbers, and a customer's deals in the deal archive (R-CUS-7). Pure module: no browser globals.

/**
 * An answer of the API as a list: a plain array as it is; a page ({page, size, total, items}, the archive's searches)
 * as its items and, beside them, its numbers; nothing as an empty list.
 */
export function listed(answer) {
  if (Array.isArray(answer)) return { items: answer, page: null };
  if (answer && Array.isArray(answer.items)) {
    return { items: answer.items, page: { page: Number(answer.page) || 0, size: Number(answer.size) || answer.items.length, total: Number(answer.total) || 0 } };
  }
  return { items: [], page: null };
}

/**
 * Where the API's limit cut a list (it answers X-Truncated: true and X-Limit: the limit): the number of rows shown, which
 * are not all there are; 0 for a whole list. Takes the response's Headers (or anything with a get).
 */
export function cutAt(headers) {
  if (!headers || typeof headers.get !== 'function' || String(headers.get('X-Truncated')).toLowerCase() !== 'true') return 0;
  const limit = Number(headers.get('X-Limit'));
  return Number.isInteger(limit) && limit > 0 ? limit : 500;
}

/** The steps that say where a deal stands (CustomerCard.dealStep); a unit or name change leaves it where it was. */
export const DEAL_STAGES = ['SMALL_DEPOSIT', 'BIG_DEPOSIT', 'CONTRACT', 'REFUND', 'LAPSED', 'CANCELLED'];

const when = (step) => { const ms = Date.parse(step?.at); return Number.isNaN(ms) ? 0 : ms; };

/**
 * R-CUS-7: a customer's deals as the deal archive lists them, one line a deal in the order they began: the unit it holds now
 * (a unit change, 换房, moves it), the step it stands at and when, and what changed on the way (换房, 更名) as the card noted it.
 */
export function dealUnits(deals) {
  const byDeal = new Map();
  const steps = (Array.isArray(deals) ? deals : []).filter((d) => d && d.dealId)
    .map((d, i) => ({ d, i })).sort((a, b) => when(a.d) - when(b.d) || a.i - b.i).map(({ d }) => d);
  for (const step of steps) {
    const deal = byDeal.get(step.dealId) || { dealId: step.dealId, unitLabel: null, stage: null, at: null, changes: [] };
    if (step.unitLabel) deal.unitLabel = step.unitLabel;
    if (DEAL_STAGES.includes(step.step)) {
      deal.stage = step.step;
      deal.at = step.at;
    } else if (step.note) {
      deal.changes.push(step.note);
    }
    byDeal.set(step.dealId, deal);
  }
  return [...byDeal.values()];
}
