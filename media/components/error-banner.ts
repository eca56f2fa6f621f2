// Problems outside any turn (a failed resume, a settings error, a host failure), above the conversation
// until dismissed.
import type { ViewState } from '../state/view-state';
import { h } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import type { ViewContext } from './context';
import { renderErrorInfo } from './items/error-info';

export class ErrorBanner {
  readonly element: HTMLElement;
  private readonly list: KeyedList;

  constructor(private readonly ctx: ViewContext) {
    this.element = h('div', { class: 'error-banner', attrs: { 'aria-label': 'Errors' } });
    this.list = new KeyedList(this.element);
  }

  update(state: ViewState): void {
    this.list.update(
      state.errors.length === 0
        ? []
        : [
            {
              key: 'errors',
              deps: [state.errors],
              render: () =>
                h(
                  'div',
                  { attrs: { role: 'alert' } },
                  ...state.errors.map((error, index) =>
                    renderErrorInfo(error, this.ctx, `banner-error:${index}`, () => {
                      this.ctx.dispatch({ type: 'errorDismissed', index });
                      this.ctx.focusInput();
                    }),
                  ),
                ),
            },
          ],
    );
  }
}
