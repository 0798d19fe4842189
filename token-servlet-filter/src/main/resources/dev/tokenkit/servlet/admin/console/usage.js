// The "Unused access" panel (issue 19): grants a token has not used for N days or never, with a one-step
// "Narrow to what was used" that goes through the ordinary, audited update after a confirmation.
import { el, byId } from './dom.js';
import { confirmAction } from './dialogs.js';
import { dateTime } from './format.js';

export class UnusedAccessPanel {
  /**
   * @param {import('./api.js').Api} api the management API client
   * @param {(message: string) => void} announce shows a status message
   * @param {(error: Error) => void} showError shows an error
   * @param {() => Promise<void>} afterChange reloads the token list and the audit trail
   */
  constructor(api, announce, showError, afterChange) {
    this.api = api;
    this.announce = announce;
    this.afterChange = afterChange;
    this.items = new Map();
    this.canNarrow = () => false;
    byId('unused-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.load().catch(showError);
    });
    byId('unused-rows').addEventListener('click', (event) => {
      const target = event.target.closest('button[data-action="narrow"]');
      const item = target && this.items.get(target.dataset.tokenId);
      if (item) this.narrow(item).catch(showError);
    });
  }

  days() {
    return Number(byId('unused-days').value);
  }

  async load() {
    const report = await this.api.get(`reports/unused-access?days=${this.days()}`);
    this.items = new Map(report.items.map((i) => [i.token.id, i]));
    const rows = report.items.map((i) => {
      const unused = i.unused.map((g) => `${g.api} ${g.level}${g.fromRole ? ' (role)' : ''}: `
        + (g.lastUsedAt ? `last used ${dateTime(g.lastUsedAt)}` : 'never used'));
      const used = Object.entries(i.lastUse).map(([api, at]) => `${api}: ${dateTime(at)}`);
      const actions = el('td', {});
      if (this.canNarrow(i.token)) {
        actions.append(el('button', { type: 'button', class: 'small secondary', 'data-action': 'narrow',
          'data-token-id': i.token.id, 'aria-label': `Narrow token ${i.token.name} to what was used`,
          text: 'Narrow to what was used' }));
      }
      return el('tr', { 'data-token-id': i.token.id },
        el('td', {}, el('span', { class: 'token-name', text: i.token.name }),
          el('span', { class: 'sub mono', text: i.token.displayHint })),
        el('td', { text: i.token.owner }),
        el('td', {}, ...unused.map((t) => el('span', { class: 'sub', text: t }))),
        el('td', {}, ...(used.length ? used.map((t) => el('span', { class: 'sub', text: t }))
          : [el('span', { class: 'muted', text: 'No API used' })])),
        actions);
    });
    byId('unused-rows').replaceChildren(...rows);
    byId('unused-table').hidden = rows.length === 0;
    byId('unused-empty').hidden = rows.length !== 0;
  }

  async narrow(item) {
    const kept = Object.keys(item.lastUse).join(', ') || 'no API';
    if (!await confirmAction({ title: `Narrow token “${item.token.name}”?`, confirmLabel: 'Narrow',
      message: `Its access becomes only what it used in the last ${this.days()} days (${kept}); every other grant, `
        + 'including those of its role, is removed. The change is recorded in the audit trail.' })) return;
    const token = await this.api.post(`tokens/${encodeURIComponent(item.token.id)}/narrow`, { days: this.days() });
    this.announce(`Token “${token.name}” narrowed to what it used.`);
    await this.afterChange();
    await this.load();
  }

  clear() {
    this.items.clear();
    byId('unused-rows').replaceChildren();
    byId('unused-table').hidden = true;
    byId('unused-empty').hidden = true;
  }
}
